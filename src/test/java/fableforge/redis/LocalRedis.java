package fableforge.redis;

import static org.assertj.core.api.Assertions.fail;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * The Redis the tests use, 127.0.0.1:6379. Tests fail (not skip) without it, saying how to start it.
 * Each test works under its own random key prefix and deletes its keys afterwards.
 */
public final class LocalRedis {

    public static final String URL = "redis://127.0.0.1:6379";

    private LocalRedis() {
    }

    public static RedisConnections connect() {
        return connect(URL);
    }

    public static RedisConnections connect(String url) {
        try {
            return RedisConnections.open(url);
        } catch (RedisConnectionException e) {
            return fail("Redis is not reachable at 127.0.0.1:6379 (" + e.getMessage() + "). Start it with:\n"
                    + "  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no");
        }
    }

    public static String randomPrefix() {
        return "fableforge-test:" + UUID.randomUUID() + ":";
    }

    public static void deleteKeys(RedisConnections redis, String prefix) {
        RedisCommands<String, byte[]> commands = redis.commands().sync();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            if (!page.getKeys().isEmpty()) {
                commands.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
