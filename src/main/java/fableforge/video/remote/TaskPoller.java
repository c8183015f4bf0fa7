package fableforge.video.remote;

import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks a provider how its task is doing until it is done, more patiently as time goes on: the first
 * wait is {@code interval}, each next one half as long again, up to four times the first. A failed
 * status call (rate limited, server error, no answer) is not the task failing: up to
 * {@link #TOLERATED_CALL_FAILURES} of them in a row are waited out. Past the deadline the task counts
 * as timed out, whatever it is doing.
 */
public final class TaskPoller {

    public static final int TOLERATED_CALL_FAILURES = 3;
    private static final double GROWTH = 1.5;
    private static final int MAX_INTERVALS = 4;

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;

    public TaskPoller(Duration interval, Clock clock, Sleeper sleeper) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, was " + interval);
        }
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** One look at the task. */
    public sealed interface Status<T> {
        /** Still queued or running; {@code state} is the provider's word for it. */
        record Pending<T>(String state) implements Status<T> {
        }

        record Done<T>(T result) implements Status<T> {
        }

        /** The status call itself failed; the task may be fine. */
        record CallFailed<T>(ProviderError error) implements Status<T> {
        }
    }

    /** Looks at the task once; throws when the task itself has failed. */
    @FunctionalInterface
    public interface Check<T> {
        Status<T> check() throws ProviderException;
    }

    /**
     * Waits, then checks, until the task is done, fails, or {@code deadline} passes. The first check
     * comes after one interval: no task is done the moment it is accepted.
     */
    public <T> T until(String task, Instant deadline, Check<T> check) throws ProviderException {
        Duration wait = interval;
        Duration next = interval;
        String lastState = "not yet asked";
        int failuresInARow = 0;
        while (true) {
            sleep(min(next, Duration.between(clock.instant(), deadline)));
            if (!clock.instant().isBefore(deadline)) {
                throw new ProviderException(new ProviderError.TimedOut(task + " did not finish in time (last status: " + lastState + ")"));
            }
            Status<T> status = check.check();
            wait = min(Duration.ofNanos((long) (wait.toNanos() * GROWTH)), interval.multipliedBy(MAX_INTERVALS));
            next = wait;
            switch (status) {
                case Status.Done<T> done -> {
                    return done.result();
                }
                case Status.Pending<T> pending -> {
                    lastState = pending.state();
                    failuresInARow = 0;
                }
                case Status.CallFailed<T> failed -> {
                    ProviderError error = failed.error();
                    boolean waitable = error instanceof ProviderError.RateLimited || error instanceof ProviderError.Transient
                            || error instanceof ProviderError.TimedOut;
                    if (!waitable || ++failuresInARow > TOLERATED_CALL_FAILURES) {
                        throw new ProviderException(error);
                    }
                    lastState = "status call failed: " + error.message();
                    Duration asked = error.retryAfter().orElse(Duration.ZERO);
                    next = asked.compareTo(wait) > 0 ? asked : wait;
                }
            }
        }
    }

    private void sleep(Duration duration) throws ProviderException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("interrupted while waiting for the task"), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public Duration interval() {
        return interval;
    }

    /** The deadline of a task started now that may take {@code timeout}. */
    public Instant deadlineAfter(Duration timeout) {
        return clock.instant().plus(timeout);
    }

    /** Time left before {@code deadline}, never less than {@code floor} (so a last call can still be made). */
    public Duration remaining(Instant deadline, Duration floor) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.compareTo(floor) < 0 ? floor : left;
    }
}
