package fableforge.event.redis;

import fableforge.event.EventBus;
import fableforge.event.LocalListeners;
import fableforge.redis.RedisConnections;
import fableforge.event.StoryEvent;
import fableforge.event.StoryLanes;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus shared by several nodes through Redis pub/sub.
 *
 * <p>Every event goes out on one channel, {@code <prefix>events}, and every node subscribes to it
 * once and picks the stories it has listeners for. One channel rather than a channel per story:
 * a node would have to (un)subscribe as SSE connections come and go, and an event published between
 * a listener's arrival and Redis confirming the new subscription would be lost; a pattern
 * subscription to every story's channel would bring each node every event anyway. Events are a few
 * small messages per image, so filtering locally costs nothing worth that machinery.
 *
 * <p>{@link #publish} never calls listeners itself: a node hears its own events back from Redis,
 * like every other node, so each listener gets each event exactly once and in the order the
 * publishing node sent them. The messages arrive on Lettuce's I/O thread, which hands them to
 * {@link StoryLanes} so a slow listener does not hold up the others (order per story is kept).
 *
 * <p>When Redis cannot take an event, {@code publish} logs a warning and returns: the event is
 * already in the durable log, and listeners read the log. When the subscriber connection comes back
 * after a drop, events published meanwhile were not heard, so every listener gets one {@link
 * EventBus#resync synthetic resync event} once Redis has confirmed the renewed subscription (Lettuce
 * re-subscribes by itself); catching up from the log then misses nothing.
 */
public final class RedisEventBus implements EventBus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisEventBus.class);
    private static final int LANES = 16;

    private final RedisConnections redis;
    private final String channel;
    private final Clock clock;
    private final LocalListeners listeners = new LocalListeners();
    private final EventMessage messages = new EventMessage();
    private final StoryLanes lanes = new StoryLanes(LANES);
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();
    private final AtomicBoolean publishFailing = new AtomicBoolean();

    /**
     * Subscribes before returning, so an event published after this constructor reaches its listeners.
     *
     * @param keyPrefix put before the channel name (e.g. {@code fableforge:}), so deployments sharing
     *                  a Redis stay apart; nodes that should see each other's events use the same one
     */
    public RedisEventBus(RedisConnections redis, String keyPrefix, Clock clock) {
        this.redis = redis;
        this.channel = keyPrefix + "events";
        this.clock = clock;
        this.subscriber = redis.newSubscriber();
        subscriber.addListener(new Incoming());
        try {
            subscriber.sync().subscribe(channel);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void publish(StoryEvent event) {
        try {
            redis.commands().async().publish(channel, messages.encode(event)).whenComplete((receivers, error) -> {
                if (error == null) {
                    publishSucceeded();
                } else {
                    publishFailed(event, error);
                }
            });
        } catch (RuntimeException e) {
            publishFailed(event, e);
        }
    }

    @Override
    public Subscription subscribe(String storyId, Consumer<StoryEvent> listener) {
        return listeners.add(storyId, listener);
    }

    /** Stops listening; call before closing the {@link RedisConnections} this bus was made with. */
    @Override
    public void close() {
        subscriber.close();
        lanes.close();
    }

    private void publishFailed(StoryEvent event, Throwable error) {
        // One warning per outage, not one per event; the log keeps every event either way.
        if (publishFailing.compareAndSet(false, true)) {
            LOG.warn("Redis did not take event {} #{} of story {} ({}); other nodes see events again once it is back,"
                    + " and their listeners catch up from the event log", event.name(), event.seq(), event.storyId(),
                    error.toString());
        }
    }

    private void publishSucceeded() {
        if (publishFailing.compareAndSet(true, false)) {
            LOG.info("Redis takes events again");
        }
    }

    private void resyncAll() {
        LOG.info("re-subscribed to {} after a lost connection; {} stories catch up from the log", channel,
                listeners.stories().size());
        for (String storyId : listeners.stories()) {
            StoryEvent resync = EventBus.resync(storyId, clock.instant());
            lanes.submit(storyId, () -> listeners.deliver(resync));
        }
    }

    private final class Incoming extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String from, String message) {
            if (!channel.equals(from)) {
                return;
            }
            messages.decode(message).ifPresentOrElse(event -> {
                if (listeners.listensTo(event.storyId())) {
                    lanes.submit(event.storyId(), () -> listeners.deliver(event));
                }
            }, () -> LOG.warn("ignored a message on {} that is not a story event", channel));
        }

        @Override
        public void subscribed(String to, long count) {
            if (channel.equals(to) && subscribedBefore.getAndSet(true)) {
                resyncAll();
            }
        }
    }
}
