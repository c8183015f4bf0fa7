package fableforge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisConnectionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:6379", "http://127.0.0.1:6379", "redis://", "redis://host:port",
            "redis://host:70000", "redis://host:6379/first", "redis://host:6379/-1", "redis://host:6379?timeout=5s",
            "redis://host name:6379"})
    void aMalformedUrlIsRejectedNamingRedisUrl(String url) {
        assertThatThrownBy(() -> RedisConnections.open(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REDIS_URL ")
                .hasMessageContaining("redis://[user:pass@]host[:port][/db]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://admin:s3cr3t-pw@host:6379/x", "redis://admin:s3cr3t-pw@host:port",
            "redis://:s3cr3t-pw@host name", "redis://s3cr3t-pw@host:6379/0?a=b", "http://admin:s3cr3t-pw@host"})
    void theErrorForAMalformedUrlNeverShowsThePassword(String url) {
        assertThatThrownBy(() -> RedisConnections.open(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_URL")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void readsUserPasswordPortAndDatabase() {
        RedisURI uri = RedisUrl.parse("redis://app:p%40ss+word@cache.internal:6380/3", Duration.ofSeconds(5));

        assertThat(uri.getHost()).isEqualTo("cache.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.getUsername()).isEqualTo("app");
        assertThat(new String(credentials.getPassword())).isEqualTo("p@ss+word");
        assertThat(uri.isSsl()).isFalse();
    }

    @Test
    void rediss_usesTlsAndDefaultsToPort6379AndDatabase0() {
        RedisURI uri = RedisUrl.parse("rediss://:only-a-password@cache.internal", Duration.ofSeconds(5));

        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getPort()).isEqualTo(6379);
        assertThat(uri.getDatabase()).isZero();
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.hasUsername()).isFalse();
        assertThat(new String(credentials.getPassword())).isEqualTo("only-a-password");
    }

    @Test
    void describesItselfByUrl() {
        try (RedisConnections redis = LocalRedis.connect()) {
            assertThat(redis.toString()).isEqualTo(LocalRedis.URL);
        }
    }

    @Test
    void theUrlItLogsHasItsUserInfoMasked() {
        assertThat(RedisUrl.masked("rediss://app:s3cr3t@cache.internal:6380/2")).isEqualTo("rediss://***@cache.internal:6380/2");
        assertThat(RedisUrl.masked("redis://s3cr3t@cache.internal")).isEqualTo("redis://***@cache.internal");
    }
}
