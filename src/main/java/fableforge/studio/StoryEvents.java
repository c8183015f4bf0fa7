package fableforge.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.event.EventBus;
import fableforge.store.EventLog;
import fableforge.store.StoryEvent;
import fableforge.store.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Records a story event durably, then publishes it live: the order that makes SSE replay exact.
 *
 * <p>Inside {@link #atomically}, events are recorded in the caller's transaction and published only
 * once it has committed: a listener that reads the log when told of an event must find it there.
 */
public final class StoryEvents {

    private final EventLog log;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final Transactions transactions;
    private final ThreadLocal<List<StoryEvent>> unpublished = new ThreadLocal<>();

    public StoryEvents(EventLog log, EventBus bus, ObjectMapper mapper, Transactions transactions) {
        this.log = log;
        this.bus = bus;
        this.mapper = mapper;
        this.transactions = transactions;
    }

    /**
     * @param dedupeKey the same key for the same happening, so a re-run job never records it twice
     */
    public StoryEvent emit(String storyId, String name, ObjectNode data, String dedupeKey) {
        StoryEvent event = log.append(storyId, name, data.toString(), dedupeKey);
        List<StoryEvent> pending = unpublished.get();
        if (pending != null) {
            pending.add(event);
        } else {
            bus.publish(event);
        }
        return event;
    }

    /**
     * Runs {@code work} in one transaction with the events it emits: both are stored, or neither is.
     * The events are published after the commit, in order.
     */
    public <T> T atomically(Supplier<T> work) {
        if (unpublished.get() != null) {
            return work.get();
        }
        List<StoryEvent> pending = new ArrayList<>();
        unpublished.set(pending);
        T result;
        try {
            result = transactions.inTransaction(() -> {
                // A transaction run again after losing a race starts with no events of its own.
                pending.clear();
                return work.get();
            });
        } finally {
            unpublished.remove();
        }
        pending.forEach(bus::publish);
        return result;
    }

    public ObjectNode data() {
        return mapper.createObjectNode();
    }
}
