package fableforge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsSet() {
        Config config = Config.load(Map.of(), dir.resolve("missing.env"));

        assertThat(config.imageRatePerMinute()).isEmpty();
        assertThat(config.imageMaxConcurrent()).isEqualTo(10);
        assertThat(config.imageTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.offlineLatency()).isZero();
        assertThat(config.offlineFailureRate()).isZero();
        assertThat(config.offlineRefusedWords()).isEmpty();
        assertThat(config.debug()).isFalse();
    }

    @Test
    void offlineRefusedWordsAreACommaSeparatedListWithBlanksDropped() {
        Config config = Config.load(Map.of("OFFLINE_REFUSED_WORDS", " harpoon, fights ,,fight to the death,"), dir.resolve("none"));

        assertThat(config.offlineRefusedWords()).containsExactly("harpoon", "fights", "fight to the death");
    }

    @Test
    void readsDotEnvAndLetsTheEnvironmentWin() throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, "# comment\nIMAGE_RATE_PER_MIN=15\nexport OFFLINE_LATENCY_MS=\"250\"\nIMAGE_MAX_CONCURRENT=4\n");

        Config config = Config.load(Map.of("IMAGE_MAX_CONCURRENT", "6"), dotEnv);

        assertThat(config.imageRatePerMinute()).contains(15);
        assertThat(config.offlineLatency()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.imageMaxConcurrent()).isEqualTo(6);
    }

    @Test
    void reportsEveryBadValueByName() {
        assertThatThrownBy(() -> Config.load(Map.of(
                "IMAGE_RATE_PER_MIN", "fast",
                "OFFLINE_FAILURE_RATE", "1.5",
                "IMAGE_MAX_CONCURRENT", "0",
                "DEBUG", "maybe"), dir.resolve("none")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("IMAGE_RATE_PER_MIN=fast: must be a whole number")
                .hasMessageContaining("OFFLINE_FAILURE_RATE=1.5: must be between 0")
                .hasMessageContaining("IMAGE_MAX_CONCURRENT=0: must be between 1")
                .hasMessageContaining("DEBUG=maybe: must be true or false");
    }
}
