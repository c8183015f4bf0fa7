package fableforge.event;

import fableforge.event.StoryEvent;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Port: fans a story's events out to whoever listens (SSE connections). Events are first appended to
 * the durable event log; the bus only carries them live, so a listener that misses one replays it
 * from the log by sequence number.
 *
 * <p>A listener should therefore treat every call as "the story has news: read the log after what
 * you have", not as the only copy of the event. A bus that may have lost events (its connection to
 * other nodes dropped and came back) says so by calling each listener once with a {@linkplain
 * #resync synthetic resync event}, which is never in the log.
 */
public interface EventBus {

    /** Name of the synthetic event a bus delivers after it may have missed events; see {@link #resync}. */
    String RESYNC = "bus_resync";

    void publish(StoryEvent event);

    /** Delivers every later event of the story to {@code listener} until the subscription is closed. */
    Subscription subscribe(String storyId, Consumer<StoryEvent> listener);

    /**
     * The event a bus delivers when events of the story may have passed it by: sequence 0, so it sorts
     * before every logged event, name {@link #RESYNC}, empty data. A listener that catches up from the
     * log on every call needs no special case for it.
     */
    static StoryEvent resync(String storyId, Instant at) {
        return new StoryEvent(storyId, 0, RESYNC, "{}", at);
    }

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
