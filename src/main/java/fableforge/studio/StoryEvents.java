package fableforge.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.event.EventBus;
import fableforge.store.EventLog;
import fableforge.store.StoryEvent;

/** Records a story event durably, then publishes it live: the order that makes SSE replay exact. */
public final class StoryEvents {

    private final EventLog log;
    private final EventBus bus;
    private final ObjectMapper mapper;

    public StoryEvents(EventLog log, EventBus bus, ObjectMapper mapper) {
        this.log = log;
        this.bus = bus;
        this.mapper = mapper;
    }

    /**
     * @param dedupeKey the same key for the same happening, so a re-run job never records it twice
     */
    public StoryEvent emit(String storyId, String name, ObjectNode data, String dedupeKey) {
        StoryEvent event = log.append(storyId, name, data.toString(), dedupeKey);
        bus.publish(event);
        return event;
    }

    public ObjectNode data() {
        return mapper.createObjectNode();
    }
}
