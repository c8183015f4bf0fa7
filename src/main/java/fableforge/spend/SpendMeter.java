package fableforge.spend;

/** Port: where adapters report each paid call as it happens. Implementations are thread-safe. */
public interface SpendMeter {

    void record(Charge charge);

    /** For offline runs and tests that do not count spend. */
    SpendMeter NONE = charge -> { };
}
