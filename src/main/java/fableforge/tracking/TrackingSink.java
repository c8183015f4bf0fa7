package fableforge.tracking;

import fableforge.provider.ProviderException;
import java.util.List;

/** Where tracking rows go (a Google Sheet). Appends a batch in order, all or nothing as far as it knows. */
public interface TrackingSink {

    /** A short name for logs and {@code /health}, e.g. {@code google-sheets}. */
    String name();

    void append(List<TrackingRow> rows) throws ProviderException;
}
