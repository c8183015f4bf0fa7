package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.event.EventBus;
import fableforge.event.InProcessEventBus;
import fableforge.event.StoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The streams of one story share one bus subscription, and each event is encoded once for all of them. */
class StoryAudiencesTest {

    private static final String STORY = "b".repeat(32);

    @Test
    void everyStreamOfAStoryGetsTheSameEncodedFrameOfAnEvent() throws Exception {
        InProcessEventBus bus = new InProcessEventBus();
        StoryAudiences audiences = new StoryAudiences(bus);
        FrameSink first = new FrameSink();
        FrameSink second = new FrameSink();
        StreamConnection one = start(first);
        StreamConnection two = start(second);
        audiences.join(one);
        audiences.join(two);

        bus.publish(new StoryEvent(STORY, 1, "tick", "{\"n\":1}", Instant.EPOCH));

        SseFrame a = first.frames.poll(30, TimeUnit.SECONDS);
        SseFrame b = second.frames.poll(30, TimeUnit.SECONDS);
        assertThat(a).isNotNull();
        assertThat(b).as("one frame, shared, not encoded per stream").isSameAs(a);
        assertThat(new String(a.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("id: 1\nevent: tick\ndata: {\"n\":1}\n\n");
        one.stop();
        two.stop();
    }

    @Test
    void aStoryIsSubscribedOnceWhileItHasStreamsAndLetGoAfterTheLast() {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger subscribed = new AtomicInteger();
        EventBus counting = new EventBus() {
            @Override
            public void publish(StoryEvent event) {
            }

            @Override
            public Subscription subscribe(String storyId, Consumer<StoryEvent> listener) {
                subscribed.incrementAndGet();
                open.incrementAndGet();
                return open::decrementAndGet;
            }
        };
        StoryAudiences audiences = new StoryAudiences(counting);
        EventBus.Subscription first = audiences.join(connection(new FrameSink()));
        EventBus.Subscription second = audiences.join(connection(new FrameSink()));
        assertThat(subscribed.get()).isEqualTo(1);

        first.close();
        assertThat(open.get()).as("one stream still listens").isEqualTo(1);
        second.close();
        assertThat(open.get()).isZero();

        audiences.join(connection(new FrameSink()));
        assertThat(subscribed.get()).as("a new stream subscribes the story again").isEqualTo(2);
    }

    private static StreamConnection connection(FrameSink sink) {
        return new StreamConnection(sink, STORY, after -> List.of(), 0, 16, StreamConnection.Meter.NONE);
    }

    private static StreamConnection start(FrameSink sink) {
        StreamConnection connection = connection(sink);
        Thread.ofVirtual().start(connection);
        return connection;
    }

    private static final class FrameSink implements SseSink {
        final BlockingQueue<SseFrame> frames = new LinkedBlockingQueue<>();

        @Override
        public void event(SseFrame frame) {
            frames.add(frame);
        }

        @Override
        public void comment(String text) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void abort() {
        }

        @Override
        public void close() {
        }
    }
}
