package fableforge.event.redis;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.event.EventBus;
import fableforge.redis.LocalRedis;
import fableforge.redis.RedisConnections;
import fableforge.redis.SeverableProxy;
import fableforge.event.StoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two "nodes", each with its own Redis client and bus, talking through the test Redis. */
class RedisEventBusTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00.123456Z");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String prefix;
    private RedisEventBus nodeA;
    private RedisEventBus nodeB;

    @BeforeEach
    void startTwoNodes() {
        prefix = LocalRedis.randomPrefix();
        nodeA = node(LocalRedis.connect());
        nodeB = node(LocalRedis.connect());
    }

    @AfterEach
    void stopNodes() throws Exception {
        // Buses before the clients they were made with, the order App uses.
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void everyNodeHearsEachEventOnceInPublishOrder() throws Exception {
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        nodeA.subscribe("story-1", onA);
        nodeB.subscribe("story-1", onB);

        for (long seq = 1; seq <= 500; seq++) {
            nodeA.publish(event("story-1", seq));
        }

        List<Long> inOrder = LongStream.rangeClosed(1, 500).boxed().toList();
        awaitUntil(() -> onA.events.size() >= 500 && onB.events.size() >= 500);
        // A duplicate would arrive right behind the originals; give it the chance to.
        nodeA.publish(event("story-1", 501));
        awaitUntil(() -> onA.seqs().contains(501L) && onB.seqs().contains(501L));
        assertThat(onA.seqs().subList(0, 500)).isEqualTo(inOrder);
        assertThat(onB.seqs().subList(0, 500)).isEqualTo(inOrder);
        assertThat(onA.events).hasSize(501);
        assertThat(onB.events).hasSize(501);
        assertThat(onB.events.get(41)).isEqualTo(event("story-1", 42));
    }

    @Test
    void anUnsubscribedListenerHearsNothingMore() throws Exception {
        Recorder gone = new Recorder();
        Recorder staying = new Recorder();
        nodeB.subscribe("story-1", gone).close();
        nodeB.subscribe("story-1", staying);

        nodeA.publish(event("story-1", 1));
        nodeB.publish(event("story-1", 2));

        awaitUntil(() -> staying.events.size() == 2);
        assertThat(gone.events).isEmpty();
    }

    @Test
    void aThrowingListenerDoesNotKeepEventsFromTheOthers() throws Exception {
        Recorder afterIt = new Recorder();
        nodeB.subscribe("story-1", event -> {
            throw new IllegalStateException("client went away");
        });
        nodeB.subscribe("story-1", afterIt);

        for (long seq = 1; seq <= 3; seq++) {
            nodeA.publish(event("story-1", seq));
        }

        awaitUntil(() -> afterIt.events.size() == 3);
        assertThat(afterIt.seqs()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void listenersHearOnlyTheirOwnStory() throws Exception {
        Recorder storyOne = new Recorder();
        nodeB.subscribe("story-1", storyOne);

        nodeA.publish(event("story-2", 1));
        nodeA.publish(event("story-2", 2));
        nodeA.publish(event("story-1", 1));
        awaitUntil(() -> !storyOne.events.isEmpty());
        // story-2 travels on another lane; one more story-1 event behind it gives a leak time to show.
        nodeA.publish(event("story-2", 3));
        nodeA.publish(event("story-1", 2));
        awaitUntil(() -> storyOne.events.size() >= 2);

        assertThat(storyOne.events).extracting(StoryEvent::storyId).containsOnly("story-1");
    }

    @Test
    void aSlowListenerDoesNotHoldUpOtherStories() throws Exception {
        String slowStory = "story-slow";
        String otherStory = storyOnAnotherLane(slowStory);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowCalled = new CountDownLatch(1);
        nodeB.subscribe(slowStory, event -> {
            slowCalled.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Recorder other = new Recorder();
        nodeB.subscribe(otherStory, other);

        nodeA.publish(event(slowStory, 1));
        assertThat(slowCalled.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        nodeA.publish(event(otherStory, 1));

        awaitUntil(() -> other.events.size() == 1);
        release.countDown();
    }

    @Test
    void aMessageThatIsNotAStoryEventIsIgnored() throws Exception {
        Recorder listener = new Recorder();
        nodeB.subscribe("story-1", listener);
        RedisConnections raw = LocalRedis.connect();
        toClose.add(raw);

        raw.commands().sync().publish(prefix + "events", "{\"story_id\":\"story-1\"}".getBytes(StandardCharsets.UTF_8));
        raw.commands().sync().publish(prefix + "events", "not json".getBytes(StandardCharsets.UTF_8));
        nodeA.publish(event("story-1", 1));

        awaitUntil(() -> listener.events.size() == 1);
        assertThat(listener.seqs()).containsExactly(1L);
    }

    @Test
    void afterItsConnectionComesBackEveryListenerIsToldToCatchUp() throws Exception {
        SeverableProxy proxy = new SeverableProxy();
        toClose.add(proxy);
        RedisEventBus nodeC = node(LocalRedis.connect(proxy.url()));
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        nodeC.subscribe("story-1", one);
        nodeC.subscribe("story-2", two);
        nodeA.publish(event("story-1", 1));
        awaitUntil(() -> one.events.size() == 1);

        proxy.sever();
        nodeA.publish(event("story-1", 2)); // missed by C: it is not connected
        Thread.sleep(300);
        proxy.restore();

        awaitUntil(() -> one.names().contains(EventBus.RESYNC) && two.names().contains(EventBus.RESYNC));
        assertThat(two.events).containsExactly(EventBus.resync("story-2", two.events.getFirst().createdAt()));
        assertThat(two.events.getFirst().seq()).isZero();
        nodeA.publish(event("story-1", 3));
        awaitUntil(() -> one.seqs().contains(3L));
    }

    @Test
    void publishingWhileRedisIsUnreachableNeitherThrowsNorWaits() throws Exception {
        SeverableProxy proxy = new SeverableProxy();
        toClose.add(proxy);
        RedisEventBus nodeC = node(LocalRedis.connect(proxy.url()));
        proxy.sever();

        long started = System.nanoTime();
        for (long seq = 1; seq <= 20; seq++) {
            nodeC.publish(event("story-1", seq));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private RedisEventBus node(RedisConnections redis) {
        toClose.add(redis);
        RedisEventBus bus = new RedisEventBus(redis, prefix, Clock.systemUTC());
        toClose.add(bus);
        return bus;
    }

    private static StoryEvent event(String storyId, long seq) {
        return new StoryEvent(storyId, seq, "image_ready", "{\"scene\":" + seq + ",\"ratio\":1e10,\"text\":\"ünïcødé \\\"q\\\"\"}",
                T0.plusSeconds(seq));
    }

    private static String storyOnAnotherLane(String storyId) {
        for (int i = 0; ; i++) {
            String candidate = "story-" + i;
            if (Math.floorMod(candidate.hashCode(), 16) != Math.floorMod(storyId.hashCode(), 16)) {
                return candidate;
            }
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static final class Recorder implements java.util.function.Consumer<StoryEvent> {
        final List<StoryEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void accept(StoryEvent event) {
            events.add(event);
        }

        List<Long> seqs() {
            return events.stream().map(StoryEvent::seq).toList();
        }

        List<String> names() {
            return events.stream().map(StoryEvent::name).toList();
        }
    }
}
