package fableforge.video.remote;

import fableforge.Providers;
import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.VideoClipGenerator;
import fableforge.video.hailuo.HailuoClips;
import fableforge.video.hailuo.HailuoModels;
import fableforge.video.kling.KlingClips;
import fableforge.video.kling.KlingModels;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clip generator {@code VIDEO_CLIPS} asks for: the local camera motion as it is, or Kling or
 * Hailuo behind {@link FallbackClips}. One instance holds the service's gate
 * ({@code VIDEO_MAX_CONCURRENT} tasks in flight, {@code VIDEO_RATE_PER_MIN} started a minute), so
 * the composition root should keep one and ask it for each story's generator: every story then
 * shares the same limits.
 */
public final class VideoClipSources {

    private static final Logger LOG = LoggerFactory.getLogger(VideoClipSources.class);

    /** First wait after a failed clip; a task that failed at the service rarely passes a second later. */
    static final Duration RETRY_BASE = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofSeconds(60);

    private final Providers.Video settings;
    private final PriceTable prices;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CallGate gate;

    public VideoClipSources(Providers.Video settings, PriceTable prices, Clock clock, Sleeper sleeper) {
        this(settings, prices, clock, sleeper, new TokenBucketRateLimiter(settings.ratePerMinute(), clock));
    }

    /** @param rateLimiter paces clip tasks at {@code VIDEO_RATE_PER_MIN}: shared by every node when it lives in Redis */
    public VideoClipSources(Providers.Video settings, PriceTable prices, Clock clock, Sleeper sleeper, RateLimiter rateLimiter) {
        this.settings = settings;
        this.prices = prices;
        this.clock = clock;
        this.sleeper = sleeper;
        this.gate = new CallGate(settings.maxConcurrent(), rateLimiter);
        // Built once when the application starts (the composition root keeps one), so these are start-up warnings.
        warnings(settings).forEach(warning -> LOG.warn("[CONFIG] {}", warning));
    }

    /** What the chosen clip source's model settings leave unchecked: a model missing from the adapter's table. */
    static List<String> warnings(Providers.Video settings) {
        return switch (settings.clips()) {
            case "kling" -> KlingModels.warning(settings.kling().model(), settings.kling().mode()).stream().toList();
            case "hailuo" -> HailuoModels.find(settings.hailuo().model()).isPresent() ? List.of()
                    : List.of("HAILUO_MODEL=" + settings.hailuo().model() + " is not in our table of MiniMax models: HAILUO_RESOLUTION="
                            + settings.hailuo().resolution() + " is not checked and clips are asked for 6 s only");
            default -> List.of();
        };
    }

    /** A generator for one story or run: paid clips are charged to {@code meter}; {@code fallbacks} hears of scenes that got {@code local}. */
    public VideoClipGenerator clips(VideoClipGenerator local, SpendMeter meter, ClipFallback.Listener fallbacks) {
        return clips(local, meter, fallbacks, ClipCache.NONE);
    }

    /** As {@link #clips(VideoClipGenerator, SpendMeter, ClipFallback.Listener)}, keeping delivered clips in {@code cache}. */
    public VideoClipGenerator clips(VideoClipGenerator local, SpendMeter meter, ClipFallback.Listener fallbacks, ClipCache cache) {
        RemoteClips remote = switch (settings.clips()) {
            case "local" -> null;
            case "kling" -> new KlingClips(settings.kling(), settings.pollInterval(), meter, prices, clock, sleeper);
            case "hailuo" -> new HailuoClips(settings.hailuo(), settings.pollInterval(), meter, prices, clock, sleeper);
            default -> throw new IllegalArgumentException("VIDEO_CLIPS must be one of " + Providers.Video.CLIPS + ", not " + settings.clips());
        };
        if (remote == null) {
            return local;
        }
        Duration taskTimeout = settings.clips().equals("kling") ? settings.kling().timeout() : settings.hailuo().timeout();
        RetryPolicy retries = new RetryPolicy(settings.maxTries(), RETRY_BASE, RETRY_MAX, taskTimeout);
        return new FallbackClips(remote, local, gate, retries, sleeper, new Random(), fallbacks, cache);
    }

    /** One generator with a gate of its own: for a single run (the command line). */
    public static VideoClipGenerator from(Providers providers, PriceTable prices, SpendMeter meter, Clock clock,
                                          VideoClipGenerator local, ClipFallback.Listener fallbacks) {
        return new VideoClipSources(providers.video(), prices, clock, Sleeper.REAL).clips(local, meter, fallbacks);
    }
}
