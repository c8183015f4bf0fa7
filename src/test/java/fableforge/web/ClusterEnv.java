package fableforge.web;

import fableforge.redis.LocalRedis;
import fableforge.redis.RedisConnections;
import fableforge.store.PostgresTestDatabase;
import java.util.HashMap;
import java.util.Map;

/**
 * What the nodes of one several-node test share: their own PostgreSQL schema and Redis key prefix,
 * both removed when it closes.
 */
final class ClusterEnv implements AutoCloseable {

    final PostgresTestDatabase database = new PostgresTestDatabase();
    private final String redisPrefix = LocalRedis.randomPrefix();

    /** The settings of node {@code nodeId}; add its own to the returned map. */
    Map<String, String> node(String nodeId) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", database.databaseUrl());
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("REDIS_URL", LocalRedis.URL);
        env.put("REDIS_KEY_PREFIX", redisPrefix);
        env.put("NODE_ID", nodeId);
        return env;
    }

    @Override
    public void close() {
        database.close();
        try (RedisConnections redis = LocalRedis.connect()) {
            LocalRedis.deleteKeys(redis, redisPrefix);
        }
    }
}
