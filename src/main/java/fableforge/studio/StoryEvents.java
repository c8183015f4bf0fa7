package fableforge.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.event.EventBus;
import fableforge.event.StoryEvent;
import fableforge.provider.SecretScrubber;
import fableforge.store.EventLog;
import fableforge.store.Transactions;
import fableforge.wire.EventPayload;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records a story event durably, then publishes it live: the order that makes SSE replay exact.
 *
 * <p>Inside {@link #atomically}, events are recorded in the caller's transaction and published only
 * once it has committed: a listener that reads the log when told of an event must find it there.
 *
 * <p>Every text in an event is scrubbed of the configured secrets before it is stored: events go to
 * browsers, the log and the tracking sheet, and error texts in them come from providers.
 */
public final class StoryEvents {

    private final EventLog log;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final Transactions transactions;
    private final SecretScrubber scrubber;
    private final ThreadLocal<List<StoryEvent>> unpublished = new ThreadLocal<>();

    public StoryEvents(EventLog log, EventBus bus, ObjectMapper mapper, Transactions transactions, SecretScrubber scrubber) {
        this.log = log;
        this.bus = bus;
        this.mapper = mapper;
        this.transactions = transactions;
        this.scrubber = scrubber;
    }

    /** A provider's error text as users may see it (stored, emitted, logged): one line, short, no secrets. */
    public String userText(String providerText) {
        return scrubber.summary(providerText);
    }

    /**
     * @param dedupeKey the same key for the same happening, so a re-run job never records it twice
     */
    public StoryEvent emit(String storyId, EventPayload payload, String dedupeKey) {
        // As a tree for one reason: the scrubbing below walks every text of any payload, whatever its type.
        return emitUntyped(storyId, payload.name(), mapper.valueToTree(payload), dedupeKey);
    }

    /**
     * An event that is not one of the story's {@link EventPayload}s: only the SSE benchmark's ticks
     * ({@code fableforge.bench}), whose data is its own timing and must reach the stream the same way.
     */
    public StoryEvent emitUntyped(String storyId, String name, ObjectNode data, String dedupeKey) {
        scrub(data);
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

    private void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    field.setValue(object.textNode(scrubber.scrub(field.getValue().asText())));
                } else {
                    scrub(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, array.textNode(scrubber.scrub(array.get(i).asText())));
                } else {
                    scrub(array.get(i));
                }
            }
        }
    }
}
