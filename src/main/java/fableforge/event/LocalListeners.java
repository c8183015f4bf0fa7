package fableforge.event;

import fableforge.event.StoryEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of this process, per story: what every {@link EventBus} adapter hands its events to.
 * Thread-safe; a listener added or removed during a delivery may or may not see that event. Listeners
 * are called on the delivering thread (a {@link StoryLanes} lane of either bus), so a listener only hands
 * the event over (an SSE stream queues it for its own writer) and never writes to a client itself.
 */
public final class LocalListeners {

    private static final Logger LOG = LoggerFactory.getLogger(LocalListeners.class);

    private final Map<String, Set<Consumer<StoryEvent>>> byStory = new ConcurrentHashMap<>();

    public EventBus.Subscription add(String storyId, Consumer<StoryEvent> listener) {
        byStory.computeIfAbsent(storyId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> byStory.computeIfPresent(storyId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Calls every listener of the event's story, each in turn on the calling thread. */
    public void deliver(StoryEvent event) {
        for (Consumer<StoryEvent> listener : byStory.getOrDefault(event.storyId(), Set.of())) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One broken connection must not keep the event from the others.
                LOG.warn("event listener of story {} failed: {}", event.storyId(), e.toString());
            }
        }
    }

    public boolean listensTo(String storyId) {
        return byStory.containsKey(storyId);
    }

    /** The stories that have at least one listener right now (a live view). */
    public Set<String> stories() {
        return byStory.keySet();
    }
}
