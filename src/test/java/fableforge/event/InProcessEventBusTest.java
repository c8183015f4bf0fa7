package fableforge.event;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.event.StoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessEventBusTest {

    private final InProcessEventBus bus = new InProcessEventBus();

    @Test
    void listenersHearTheirStorysEventsUntilTheyUnsubscribe() {
        List<StoryEvent> heard = new ArrayList<>();
        List<StoryEvent> otherStory = new ArrayList<>();
        EventBus.Subscription subscription = bus.subscribe("story-1", heard::add);
        bus.subscribe("story-2", otherStory::add);

        bus.publish(event("story-1", 1));
        subscription.close();
        bus.publish(event("story-1", 2));

        assertThat(heard).containsExactly(event("story-1", 1));
        assertThat(otherStory).isEmpty();
    }

    @Test
    void aThrowingListenerDoesNotKeepTheEventFromTheOthers() {
        List<StoryEvent> heard = new ArrayList<>();
        bus.subscribe("story-1", event -> {
            throw new IllegalStateException("client went away");
        });
        bus.subscribe("story-1", heard::add);

        bus.publish(event("story-1", 1));

        assertThat(heard).containsExactly(event("story-1", 1));
    }

    private static StoryEvent event(String storyId, long seq) {
        return new StoryEvent(storyId, seq, "image_ready", "{}", Instant.EPOCH);
    }
}
