package fableforge.testing;

/**
 * Names for {@code @ResourceLock}: what test classes running in parallel share inside the one test JVM
 * and must not use at the same time. Each entry says who holds it and why.
 */
public final class SharedResources {

    /**
     * The log of {@code fableforge.tracking.TrackingRelay}: a logger is one per class in the JVM, so a
     * test that counts the relay's warnings would count those of another test's relay too. Held by
     * the tests that count them and by the tests whose app runs a failing relay.
     */
    public static final String TRACKING_RELAY_LOG = "logback:fableforge.tracking.TrackingRelay";

    private SharedResources() {
    }
}
