package fableforge.event;

import fableforge.store.StoryEvent;
import java.util.function.Consumer;

/**
 * Port: fans a story's events out to whoever listens (SSE connections). Events are first appended to
 * the durable event log; the bus only carries them live, so a listener that misses one replays it
 * from the log by sequence number.
 */
public interface EventBus {

    void publish(StoryEvent event);

    /** Delivers every later event of the story to {@code listener} until the subscription is closed. */
    Subscription subscribe(String storyId, Consumer<StoryEvent> listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
