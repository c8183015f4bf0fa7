package fableforge;

import fableforge.auth.Access;
import fableforge.settings.ConfigException;
import fableforge.settings.SettingsReader;
import fableforge.video.CaptionStyle;
import fableforge.web.StreamLimits;
import fableforge.web.WebSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting, read once at start-up from the environment and an optional {@code .env} file (the
 * environment wins), and validated then: a bad value stops start-up with a message naming the variable.
 */
public record Config(
        Optional<Integer> imageRatePerMinute,
        Optional<Integer> imageRateBurst,
        int imageMaxConcurrent,
        int imageMaxTries,
        Duration imageTimeout,
        Duration imageRetryBase,
        Duration offlineLatency,
        double offlineFailureRate,
        Optional<Integer> offlineSeed,
        List<String> offlineRefusedWords,
        boolean debug,
        int port,
        Path dataDir,
        Duration sseHeartbeat,
        int videoMaxRenders,
        Providers providers,
        Cluster cluster,
        Limits limits,
        Access access,
        StreamLimits streamLimits,
        WebSettings web,
        CaptionStyle captionStyle) {

    public static final int DEFAULT_RATE_PER_MINUTE = 15;


    public static Config load(Map<String, String> environment, Path dotEnv) {
        Map<String, String> values = new HashMap<>(readDotEnv(dotEnv));
        values.putAll(environment);
        return from(values);
    }

    static Config from(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        Providers providers = Providers.read(reader);
        // A Stable Diffusion WebUI draws one image at a time on one GPU: more calls in flight only wait
        // in its queue and time out, so it gets one at a time and its own (longer) timeout by default.
        boolean oneGpu = providers.images().equals("sdwebui");
        Config config = new Config(
                reader.optionalInt("IMAGE_RATE_PER_MIN", 1, 100_000),
                reader.optionalInt("IMAGE_RATE_BURST", 1, 100_000),
                reader.integer("IMAGE_MAX_CONCURRENT", oneGpu ? 1 : 10, 1, 1_000),
                reader.integer("IMAGE_MAX_TRIES", 4, 1, 20),
                Duration.ofSeconds(reader.integer("IMAGE_TIMEOUT_SECONDS",
                        oneGpu ? (int) providers.sdWebUi().timeout().toSeconds() : 120, 1, 3_600)),
                Duration.ofMillis(reader.integer("IMAGE_RETRY_BASE_MS", 1_000, 0, 600_000)),
                Duration.ofMillis(reader.integer("OFFLINE_LATENCY_MS", 0, 0, 600_000)),
                reader.decimal("OFFLINE_FAILURE_RATE", 0, 0, 1),
                reader.optionalInt("OFFLINE_SEED", Integer.MIN_VALUE, Integer.MAX_VALUE),
                reader.words("OFFLINE_REFUSED_WORDS"),
                reader.bool("DEBUG"),
                reader.integer("PORT", 8080, 1, 65_535),
                Path.of(reader.text("FABLEFORGE_DATA_DIR").orElse("data")),
                Duration.ofSeconds(reader.integer("SSE_HEARTBEAT_SECONDS", 15, 1, 300)),
                // One render keeps every core busy (x264 and the frame composer both use them all).
                reader.integer("VIDEO_MAX_RENDERS", 1, 1, 16),
                providers,
                Cluster.read(reader),
                Limits.read(reader),
                Access.read(reader),
                new StreamLimits(
                        reader.integer("SSE_MAX_CONNECTIONS", StreamLimits.defaultMaxConnections(), 1, 1_000_000),
                        reader.integer("SSE_MAX_PER_USER", StreamLimits.DEFAULT_PER_USER, 1, 1_000_000)),
                webSettings(reader),
                // The captions a video gets when the request or --captions does not say.
                reader.choice("CAPTION_STYLE", CaptionStyle.wireNames()).flatMap(CaptionStyle::fromWire).orElse(CaptionStyle.DEFAULT));
        if (!reader.problems().isEmpty()) {
            throw new ConfigException(reader.problems());
        }
        return config;
    }

    /**
     * Every secret this configuration holds (provider keys, passwords in the database and Redis URLs, the
     * Google service account's private key, the OIDC client secret), so {@code SecretScrubber} can keep them out of what users and logs see.
     */
    public List<String> secrets() {
        List<String> all = new ArrayList<>(providers.secrets());
        all.addAll(cluster.secrets());
        access.oidc().ifPresent(oidc -> all.add(oidc.clientSecret()));
        return all;
    }

    /** {@code ALLOWED_HOSTS} (comma-separated host names, {@code *} for any) and {@code TRUST_PROXY}. */
    private static WebSettings webSettings(SettingsReader reader) {
        List<String> hosts = reader.words("ALLOWED_HOSTS");
        WebSettings.problem(hosts).ifPresent(reader::problem);
        return new WebSettings(hosts.isEmpty() ? Optional.empty() : Optional.of(hosts), reader.bool("TRUST_PROXY"));
    }

    private static Map<String, String> readDotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                    continue;
                }
                String key = trimmed.substring(0, equals).strip().replaceFirst("^export\\s+", "");
                String value = trimmed.substring(equals + 1).strip().replaceAll("^([\"'])(.*)\\1$", "$2");
                values.put(key, value);
            }
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": unreadable (" + e.getMessage() + ")"));
        }
        return values;
    }
}
