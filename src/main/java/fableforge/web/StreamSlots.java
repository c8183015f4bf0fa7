package fableforge.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The open event streams of this node, counted in all and per user against {@link StreamLimits}. */
final class StreamSlots {

    private final StreamLimits limits;
    private final Map<String, Integer> perUser = new HashMap<>();
    private int total;

    StreamSlots(StreamLimits limits) {
        this.limits = limits;
    }

    /** A slot for one more stream of {@code user}, or empty when either cap is reached. */
    synchronized Optional<Slot> take(String user) {
        int mine = perUser.getOrDefault(user, 0);
        if (total >= limits.maxConnections() || mine >= limits.maxPerUser()) {
            return Optional.empty();
        }
        total++;
        perUser.put(user, mine + 1);
        return Optional.of(new Slot(user));
    }

    synchronized int open() {
        return total;
    }

    private synchronized void give(String user) {
        total--;
        perUser.computeIfPresent(user, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** One stream's place; releasing it twice (the stream closing, and the request ending) counts once. */
    final class Slot {
        private final String user;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String user) {
            this.user = user;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                give(user);
            }
        }
    }
}
