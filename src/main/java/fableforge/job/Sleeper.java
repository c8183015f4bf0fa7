package fableforge.job;

import java.time.Duration;

/** Waits; passed in so tests of retry timing need not really sleep. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
