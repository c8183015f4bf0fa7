package fableforge.event;

import fableforge.store.StoryEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The single-process event bus: listeners per story in memory. */
public final class InProcessEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);

    private final Map<String, Set<Consumer<StoryEvent>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(StoryEvent event) {
        for (Consumer<StoryEvent> listener : listeners.getOrDefault(event.storyId(), Set.of())) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // One broken connection must not keep the event from the others.
                LOG.warn("event listener of story {} failed: {}", event.storyId(), e.toString());
            }
        }
    }

    @Override
    public Subscription subscribe(String storyId, Consumer<StoryEvent> listener) {
        listeners.computeIfAbsent(storyId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(storyId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }
}
