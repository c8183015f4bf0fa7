package fableforge.web;

import fableforge.event.EventBus;
import fableforge.event.StoryEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open streams of each story on this node, behind one bus subscription per story: the bus calls
 * this node once per event, the event is encoded into its frame once ({@link SseFrame}), and the frame
 * is handed to each stream's queue. With a thousand streams on a story that is one encoding per event
 * instead of a thousand, all of it on the delivering thread and none of it waiting on a client.
 */
final class StoryAudiences {

    private final EventBus bus;
    private final Map<String, Audience> byStory = new ConcurrentHashMap<>();

    StoryAudiences(EventBus bus) {
        this.bus = bus;
    }

    /**
     * Hands {@code connection} every later event of its story until the returned subscription is closed.
     * It is subscribed when this returns, so a writer that replays the log afterwards misses nothing.
     */
    EventBus.Subscription join(StreamConnection connection) {
        String storyId = connection.storyId();
        byStory.compute(storyId, (id, audience) -> {
            Audience joined = audience != null ? audience : new Audience(id);
            joined.connections.add(connection);
            return joined;
        });
        return () -> byStory.computeIfPresent(storyId, (id, audience) -> {
            audience.connections.remove(connection);
            if (!audience.connections.isEmpty()) {
                return audience;
            }
            audience.subscription.close();
            return null;
        });
    }

    private final class Audience {
        final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
        final EventBus.Subscription subscription;

        Audience(String storyId) {
            subscription = bus.subscribe(storyId, this::deliver);
        }

        private void deliver(StoryEvent event) {
            SseFrame frame = SseFrame.of(event);
            for (StreamConnection connection : connections) {
                connection.offer(frame);
            }
        }
    }
}
