package fableforge;

import fableforge.settings.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        assertThat(config.offlineSeed()).isEmpty();
        assertThat(config.offlineRefusedWords()).isEmpty();
        assertThat(config.debug()).isFalse();
    }

    @Test
    void allowedHostsDefaultToLoopbackAndTheBindAddress() {
        Config config = Config.load(Map.of(), dir.resolve("none"));

        assertThat(config.web().hostsFor("0.0.0.0")).containsExactly("localhost", "127.0.0.1", "[::1]");
        assertThat(config.web().hostsFor("192.168.1.20")).containsExactly("localhost", "127.0.0.1", "[::1]", "192.168.1.20");
        assertThat(config.web().hostsFor("fe80::1")).contains("[fe80::1]");
        assertThat(config.web().trustProxy()).isFalse();
    }

    @Test
    void allowedHostsAreAListOfNamesAndABadOneStopsStartUp() {
        Config config = Config.load(Map.of("ALLOWED_HOSTS", " Stories.Example.com, localhost ", "TRUST_PROXY", "true"), dir.resolve("none"));
        assertThat(config.web().hostsFor("0.0.0.0")).containsExactly("stories.example.com", "localhost");
        assertThat(config.web().trustProxy()).isTrue();

        assertThatThrownBy(() -> Config.load(Map.of("ALLOWED_HOSTS", "https://stories.example.com"), dir.resolve("none")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ALLOWED_HOSTS");
        assertThatThrownBy(() -> Config.load(Map.of("ALLOWED_HOSTS", "example.com:8080"), dir.resolve("none")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no scheme or port");
    }

    @Test
    void captionStyleDefaultsToPhraseAndAnUnknownOneStopsStartUpNamingTheVariable() {
        assertThat(Config.load(Map.of(), dir.resolve("none")).captionStyle()).isEqualTo(fableforge.video.CaptionStyle.PHRASE);
        assertThat(Config.load(Map.of("CAPTION_STYLE", "Words"), dir.resolve("none")).captionStyle()).isEqualTo(fableforge.video.CaptionStyle.WORDS);

        assertThatThrownBy(() -> Config.load(Map.of("CAPTION_STYLE", "karaoke"), dir.resolve("none")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CAPTION_STYLE=karaoke: must be one of phrase, words, none");
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
                "OFFLINE_SEED", "lucky",
                "IMAGE_MAX_CONCURRENT", "0",
                "DEBUG", "maybe"), dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("IMAGE_RATE_PER_MIN=fast: must be a whole number")
                .hasMessageContaining("OFFLINE_FAILURE_RATE=1.5: must be between 0")
                .hasMessageContaining("OFFLINE_SEED=lucky: must be a whole number")
                .hasMessageContaining("IMAGE_MAX_CONCURRENT=0: must be between 1")
                .hasMessageContaining("DEBUG=maybe: must be true or false");
    }

    @Test
    void abuseLimitsHaveDefaultsAndRefuseBadValuesByName() {
        Limits defaults = Config.load(Map.of(), dir.resolve("none")).limits();
        assertThat(defaults.perUserUsdPerDay()).isEmpty();
        assertThat(defaults.reservationLifetime()).isEqualTo(Duration.ofMinutes(120));
        assertThat(defaults.userRatePerMinute()).isEqualTo(20);
        assertThat(defaults.userRedrawRatePerMinute()).isEqualTo(60);
        assertThat(defaults.uploadQuotaMb()).isEqualTo(200);
        assertThat(Config.load(Map.of("SPEND_LIMIT_USD_PER_USER_PER_DAY", "2.5"), dir.resolve("none")).limits().perUserUsdPerDay())
                .contains(2.5);

        assertThatThrownBy(() -> Config.load(Map.of(
                "SPEND_LIMIT_USD_PER_USER_PER_DAY", "lots",
                "SPEND_RESERVATION_MINUTES", "0",
                "USER_RATE_PER_MIN", "0",
                "USER_REDRAW_RATE_PER_MIN", "x",
                "UPLOAD_QUOTA_MB_PER_USER", "-1"), dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SPEND_LIMIT_USD_PER_USER_PER_DAY=lots")
                .hasMessageContaining("SPEND_RESERVATION_MINUTES=0")
                .hasMessageContaining("USER_RATE_PER_MIN=0")
                .hasMessageContaining("USER_REDRAW_RATE_PER_MIN=x")
                .hasMessageContaining("UPLOAD_QUOTA_MB_PER_USER=-1");
    }

    @Test
    void eachStagePicksItsRealAdapterWhenItsKeyIsPresent() {
        Config offline = Config.load(Map.of(), dir.resolve("none"));
        Config keyed = Config.load(Map.of("OPENAI_API_KEY", "sk-test", "CLOUDINARY_URL", "cloudinary://key:secret@demo"), dir.resolve("none"));
        Config chosen = Config.load(Map.of("OPENAI_API_KEY", "sk-test", "IMAGE_PROVIDER", "SDWebUI", "MEDIA_STORE", "local"), dir.resolve("none"));

        assertThat(List.of(offline.providers().story(), offline.providers().images(), offline.providers().media()))
                .containsExactly("offline", "offline", "local");
        assertThat(List.of(keyed.providers().story(), keyed.providers().images(), keyed.providers().media()))
                .containsExactly("openai", "openai", "cloudinary");
        assertThat(keyed.providers().cloudinary().cloudName()).contains("demo");
        assertThat(keyed.providers().cloudinary().apiSecret()).contains("secret");
        assertThat(List.of(chosen.providers().story(), chosen.providers().images(), chosen.providers().media()))
                .containsExactly("openai", "sdwebui", "local");
        assertThat(offline.providers().warnings()).anyMatch(w -> w.startsWith("OPENAI_API_KEY is not set"));
    }

    @Test
    void aChosenAdapterWithoutItsSettingsStopsStartUpSayingWhatIsMissing() {
        assertThatThrownBy(() -> Config.load(Map.of(
                "STORY_PROVIDER", "openai",
                "MEDIA_STORE", "s3",
                "CLOUDINARY_URL", "https://not-cloudinary",
                "USE_GOOGLE_AUTH", "true",
                "OPENAI_BASE_URL", "ftp://x",
                "IMAGE_PROVIDER", "midjourney"), dir.resolve("none")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("IMAGE_PROVIDER=midjourney: must be one of offline, openai, sdwebui")
                .hasMessageContaining("MEDIA_STORE=s3 needs S3_BUCKET")
                .hasMessageContaining("CLOUDINARY_URL: must look like cloudinary://")
                .hasMessageContaining("USE_GOOGLE_AUTH=true needs GOOGLE_SHEET_ID")
                .hasMessageContaining("OPENAI_BASE_URL=ftp://x: must be an http(s) URL");
    }

    @Test
    void aLocalOpenAiCompatibleServerNeedsNoKey() {
        Config config = Config.load(Map.of("STORY_PROVIDER", "openai", "OPENAI_BASE_URL", "http://127.0.0.1:11434/v1/"), dir.resolve("none"));

        assertThat(config.providers().openAi().apiKey()).isEmpty();
        assertThat(config.providers().openAi().baseUrl()).hasToString("http://127.0.0.1:11434/v1");
    }

    @Test
    void aStableDiffusionWebUiGetsOneImageAtATimeAndItsOwnTimeoutUnlessTold() {
        Config webUi = Config.load(Map.of("IMAGE_PROVIDER", "sdwebui", "SD_TIMEOUT_SECONDS", "400"), dir.resolve("none"));
        Config told = Config.load(Map.of("IMAGE_PROVIDER", "sdwebui", "IMAGE_MAX_CONCURRENT", "2", "IMAGE_TIMEOUT_SECONDS", "90"), dir.resolve("none"));

        assertThat(webUi.imageMaxConcurrent()).isEqualTo(1);
        assertThat(webUi.imageTimeout()).isEqualTo(Duration.ofSeconds(400));
        assertThat(told.imageMaxConcurrent()).isEqualTo(2);
        assertThat(told.imageTimeout()).isEqualTo(Duration.ofSeconds(90));
    }
}
