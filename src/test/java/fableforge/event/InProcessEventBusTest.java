package fableforge.event;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.event.StoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessEventBusTest {

    private final InProcessEventBus bus = new InProcessEventBus();

    @Test
    void listenersHearTheirStorysEventsUntilTheyUnsubscribe() throws Exception {
        List<StoryEvent> heard = new CopyOnWriteArrayList<>();
        List<StoryEvent> otherStory = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        EventBus.Subscription subscription = bus.subscribe("story-1", event -> {
            if (!isMarker(event)) {
                heard.add(event);
                first.countDown();
            }
        });
        bus.subscribe("story-2", recording(otherStory));

        bus.publish(event("story-1", 1));
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        subscription.close();
        bus.publish(event("story-1", 2));
        awaitLane("story-1");
        awaitLane("story-2");

        assertThat(heard).containsExactly(event("story-1", 1));
        assertThat(otherStory).isEmpty();
    }

    @Test
    void publishReturnsBeforeAListenerRunsAndEachStorysEventsArriveInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> heard = new CopyOnWriteArrayList<>();
        bus.subscribe("story-1", event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!isMarker(event)) {
                heard.add(event.seq());
            }
        });

        for (long seq = 1; seq <= 100; seq++) {
            bus.publish(event("story-1", seq)); // would hang here if the listener ran on this thread
        }
        release.countDown();
        awaitLane("story-1");

        assertThat(heard).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void aThrowingListenerDoesNotKeepTheEventFromTheOthers() throws Exception {
        List<StoryEvent> heard = new CopyOnWriteArrayList<>();
        bus.subscribe("story-1", event -> {
            throw new IllegalStateException("client went away");
        });
        bus.subscribe("story-1", recording(heard));

        bus.publish(event("story-1", 1));
        awaitLane("story-1");

        assertThat(heard).containsExactly(event("story-1", 1));
    }

    /** Returns once everything published so far for the story has been delivered: a marker is delivered after it, in order. */
    private void awaitLane(String storyId) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        EventBus.Subscription marker = bus.subscribe(storyId, event -> {
            if (isMarker(event)) {
                reached.countDown();
            }
        });
        bus.publish(event(storyId, -1));
        assertThat(reached.await(30, TimeUnit.SECONDS)).as("the lane of " + storyId + " drained").isTrue();
        marker.close();
    }

    private static boolean isMarker(StoryEvent event) {
        return event.seq() == -1;
    }

    private static java.util.function.Consumer<StoryEvent> recording(List<StoryEvent> heard) {
        return event -> {
            if (!isMarker(event)) {
                heard.add(event);
            }
        };
    }

    private static StoryEvent event(String storyId, long seq) {
        return new StoryEvent(storyId, seq, "image_ready", "{}", Instant.EPOCH);
    }
}
