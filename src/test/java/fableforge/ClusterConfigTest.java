package fableforge;

import fableforge.settings.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void oneProcessOnTheEmbeddedDatabaseWhenNothingIsSet() {
        Cluster cluster = Config.from(Map.of()).cluster();

        assertThat(cluster.databaseUrl()).isEmpty();
        assertThat(cluster.redisUrl()).isEmpty();
        assertThat(cluster.role()).isEqualTo("all");
        assertThat(cluster.servesWeb()).isTrue();
        assertThat(cluster.runsJobs()).isTrue();
        assertThat(cluster.redisKeyPrefix()).isEqualTo("fableforge:");
        assertThat(cluster.jobLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cluster.jobPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(cluster.nodeId()).as("host, pid and a random part").matches(".+-\\d+-[0-9a-f]{1,4}");
        assertThat(cluster.warnings("local")).isEmpty();
    }

    @Test
    void twoAppsInOneProcessGetDifferentNodeIds() {
        assertThat(Config.from(Map.of()).cluster().nodeId()).isNotEqualTo(Config.from(Map.of()).cluster().nodeId());
    }

    @Test
    void aSplitRoleNeedsTheSharedDatabase() {
        assertThatThrownBy(() -> Config.from(Map.of("NODE_ROLE", "worker")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NODE_ROLE=worker needs DATABASE_URL");
        Cluster worker = Config.from(Map.of("NODE_ROLE", "Worker", "DATABASE_URL", "postgres://db/fableforge")).cluster();
        assertThat(worker.servesWeb()).isFalse();
        assertThat(worker.runsJobs()).isTrue();
        Cluster web = Config.from(Map.of("NODE_ROLE", "web", "DATABASE_URL", "postgres://db/fableforge")).cluster();
        assertThat(web.servesWeb()).isTrue();
        assertThat(web.runsJobs()).isFalse();
    }

    @Test
    void badClusterValuesAreAllReportedByName() {
        assertThatThrownBy(() -> Config.from(Map.of("NODE_ROLE", "leader", "JOB_LEASE_SECONDS", "0", "JOB_POLL_MS", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NODE_ROLE=leader: must be one of all, web, worker")
                .hasMessageContaining("JOB_LEASE_SECONDS")
                .hasMessageContaining("JOB_POLL_MS");
    }

    @Test
    void aSharedDatabaseWithoutRedisOrSharedMediaIsWarnedAbout() {
        Cluster cluster = Config.from(Map.of("DATABASE_URL", "postgres://db/fableforge")).cluster();

        assertThat(cluster.warnings("local")).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains("REDIS_URL"))
                .anySatisfy(warning -> assertThat(warning).contains("MEDIA_STORE"));
        Cluster complete = Config.from(Map.of("DATABASE_URL", "postgres://db/fableforge", "REDIS_URL", "redis://cache:6379")).cluster();
        assertThat(complete.warnings("s3")).isEmpty();
    }
}
