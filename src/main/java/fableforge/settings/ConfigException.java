package fableforge.settings;

import java.util.List;

/** Bad configuration: every problem, one per line. Start-up stops with it. */
public final class ConfigException extends RuntimeException {

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
    }
}
