package fableforge.event;

import java.util.function.Consumer;

/**
 * The single-process event bus: listeners per story in memory. {@link #publish} only queues the event on
 * its story's {@link StoryLanes lane} and returns; a lane thread calls the listeners, in publishing order
 * per story. So {@code emit()} costs the log append and one hand-over, not a thousand: an SSE story with a
 * thousand open streams hands the event to each stream's queue on the lane, never on the emitter's thread
 * (issue 14: emit() p50 under 1 ms with 1,000 clients). The Redis bus delivers on the same kind of lanes.
 */
public final class InProcessEventBus implements EventBus {

    private static final int LANES = 16;

    private final LocalListeners listeners = new LocalListeners();
    private final StoryLanes lanes = new StoryLanes(LANES);

    @Override
    public void publish(StoryEvent event) {
        if (listeners.listensTo(event.storyId())) {
            lanes.submit(event.storyId(), () -> listeners.deliver(event));
        }
    }

    @Override
    public Subscription subscribe(String storyId, Consumer<StoryEvent> listener) {
        return listeners.add(storyId, listener);
    }
}
