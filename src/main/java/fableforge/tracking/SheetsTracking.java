package fableforge.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.job.Sleeper;
import fableforge.provider.call.ProviderMeters;
import fableforge.store.Database;
import fableforge.store.NodeLeases;
import fableforge.store.TrackingOutbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Google Sheets relay from {@link SheetsSettings}: one node at a time delivers, the holder of its lease. */
public final class SheetsTracking {

    private static final Logger LOG = LoggerFactory.getLogger(SheetsTracking.class);

    private SheetsTracking() {
    }

    /**
     * The relay when {@code USE_GOOGLE_AUTH=true}; nothing runs otherwise.
     *
     * @param lease how long this node's hold on the relay lasts unless renewed (the embedded database has one node and needs none)
     */
    public static Optional<TrackingRelay> relay(SheetsSettings sheets, Database database, ObjectMapper mapper, String nodeId,
                                                Duration lease, Clock clock) {
        return relay(sheets, database, mapper, nodeId, lease, clock, ProviderMeters.NONE);
    }

    /** As above, each append to the sheet counted in {@code calls} for {@code GET /metrics}. */
    public static Optional<TrackingRelay> relay(SheetsSettings sheets, Database database, ObjectMapper mapper, String nodeId,
                                                Duration lease, Clock clock, ProviderMeters calls) {
        if (!sheets.enabled()) {
            return Optional.empty();
        }
        GoogleSheetsSink sink = GoogleSheetsSink.create(sheets, clock).metered(calls);
        LOG.info("[START] tracking=google-sheets sheet={} range={}", sheets.sheetId().orElse(""), sheets.range());
        NodeLeases leases = new NodeLeases(database.jdbi());
        BooleanSupplier leading = () -> database.isEmbedded()
                || leases.hold("tracking-relay", nodeId, clock.instant(), clock.instant().plus(lease));
        return Optional.of(new TrackingRelay(new TrackingOutbox(database.jdbi(), clock), new TrackingRows(mapper), sink,
                sheets.pollInterval(), sheets.maxBackoff(), Sleeper.REAL, clock, leading));
    }
}
