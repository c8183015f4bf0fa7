package fableforge.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing (ASVS 2.2.1): after {@link #MAX_FAILURES} failed sign-ins for one name from
 * one address, that pair is locked out for {@link #LOCK}. Per name and address, so a stranger cannot
 * lock a user out everywhere. In this process only: each node counts its own, which still caps guessing
 * at a handful per node per quarter hour.
 */
public final class SignInThrottle {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {
    }

    /** How long this name and address must still wait, or empty when they may try. */
    public Optional<Duration> locked(String name, String address) {
        Failures seen = failures.get(key(name, address));
        if (seen == null || seen.count() < MAX_FAILURES) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), seen.last().plus(LOCK));
        if (left.isNegative() || left.isZero()) {
            failures.remove(key(name, address));
            return Optional.empty();
        }
        return Optional.of(left);
    }

    public void failed(String name, String address) {
        if (failures.size() > MAX_TRACKED) {
            // Bounded memory under a flood of made-up names: forget the oldest half-hour's worth wholesale.
            Instant cutoff = clock.instant().minus(LOCK);
            failures.values().removeIf(seen -> seen.last().isBefore(cutoff));
        }
        Instant now = clock.instant();
        failures.merge(key(name, address), new Failures(1, now), (old, one) ->
                old.last().plus(LOCK).isBefore(now) ? one : new Failures(old.count() + 1, now));
    }

    public void succeeded(String name, String address) {
        failures.remove(key(name, address));
    }

    private static String key(String name, String address) {
        return (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) + "\n" + address;
    }
}
