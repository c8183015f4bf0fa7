package fableforge.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * The process's one Redis client (REDIS_URL), shared by the event bus and the rate limiters.
 *
 * <p>Commands go through one shared, thread-safe connection (Lettuce multiplexes callers on it);
 * pub/sub needs a connection of its own, which {@link #newSubscriber()} opens for its caller to
 * close. While the connection is down Lettuce reconnects by itself and holds commands for up to
 * {@link #COMMAND_TIMEOUT}, so a short blip delays callers instead of failing them; a longer outage
 * fails each command with a timeout.
 *
 * <p>Close this last, after the bus and everything that uses a limiter: it closes the shared
 * connection and shuts the client down, which also closes any subscriber left open.
 */
public final class RedisConnections implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    // Bounds what piles up while disconnected; beyond it commands fail at once instead of queueing.
    private static final int MAX_QUEUED_COMMANDS = 10_000;

    private final RedisClient client;
    private final String maskedUrl;
    private final StatefulRedisConnection<String, byte[]> shared;

    private RedisConnections(RedisClient client, String maskedUrl) {
        this.client = client;
        this.maskedUrl = maskedUrl;
        try {
            this.shared = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * Parses the URL and connects (so a wrong host fails at start-up, not at the first event).
     *
     * @throws IllegalArgumentException naming REDIS_URL when the URL is malformed (the password is never shown)
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisConnections open(String redisUrl) {
        RedisURI uri = RedisUrl.parse(redisUrl, COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .requestQueueSize(MAX_QUEUED_COMMANDS)
                .build());
        return new RedisConnections(client, RedisUrl.masked(redisUrl.strip()));
    }

    /** Keys are text, values bytes (what Bucket4j stores); shared, so never close it. */
    public StatefulRedisConnection<String, byte[]> commands() {
        return shared;
    }

    /** A new connection for SUBSCRIBE, owned (and closed) by the caller. */
    public StatefulRedisPubSubConnection<String, String> newSubscriber() {
        return client.connectPubSub();
    }

    @Override
    public void close() {
        shared.close();
        client.shutdown();
    }

    @Override
    public String toString() {
        return maskedUrl;
    }
}
