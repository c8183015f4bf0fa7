package fableforge.job;

import java.time.Duration;

/** Port: paces calls to a provider so they stay within its rate limit. Shared by all callers. */
public interface RateLimiter {

    /** Blocks until the caller may make one call. */
    void acquire() throws InterruptedException;

    /** The provider asked us to wait (429 with Retry-After): no caller proceeds before that time. */
    void pauseFor(Duration wait);

    static RateLimiter unlimited() {
        return new RateLimiter() {
            @Override
            public void acquire() {
            }

            @Override
            public void pauseFor(Duration wait) {
            }
        };
    }
}
