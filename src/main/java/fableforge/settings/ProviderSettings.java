package fableforge.settings;

import java.util.List;

/**
 * The settings of one provider, read and checked by its own package: what the composition root asks
 * of every provider alike.
 */
public interface ProviderSettings {

    /** Its credentials (keys, secrets, passwords) as configured, so they are kept out of logs and answers. */
    List<String> secrets();
}
