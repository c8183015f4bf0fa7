package fableforge.event;

import fableforge.event.StoryEvent;
import java.util.function.Consumer;

/** The single-process event bus: listeners per story in memory, called on the publishing thread. */
public final class InProcessEventBus implements EventBus {

    private final LocalListeners listeners = new LocalListeners();

    @Override
    public void publish(StoryEvent event) {
        listeners.deliver(event);
    }

    @Override
    public Subscription subscribe(String storyId, Consumer<StoryEvent> listener) {
        return listeners.add(storyId, listener);
    }
}
