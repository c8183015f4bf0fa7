package fableforge.video.remote;

import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.job.Sleeper;
import fableforge.job.TokenBucketRateLimiter;
import fableforge.provider.call.CallMeter;
import fableforge.provider.call.ProviderMeters;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.VideoClipGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clip generator {@code VIDEO_CLIPS} asks for: the local camera motion as it is, or the remote
 * service (Kling, Hailuo, built by its own package's {@link RemoteClipService}) behind {@link FallbackClips}. One instance holds the service's gate
 * ({@code VIDEO_MAX_CONCURRENT} tasks in flight, {@code VIDEO_RATE_PER_MIN} started a minute), so
 * the composition root should keep one and ask it for each story's generator: every story then
 * shares the same limits.
 */
public final class VideoClipSources {

    private static final Logger LOG = LoggerFactory.getLogger(VideoClipSources.class);

    /** First wait after a failed clip; a task that failed at the service rarely passes a second later. */
    static final Duration RETRY_BASE = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofSeconds(60);

    private final RemoteClipSettings settings;
    private final Optional<RemoteClipService> service;
    private final PriceTable prices;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CallGate gate;
    private final CallMeter clipMeter;

    public VideoClipSources(RemoteClipSettings settings, Optional<RemoteClipService> service, PriceTable prices, Clock clock,
                            Sleeper sleeper) {
        this(settings, service, prices, clock, sleeper, new TokenBucketRateLimiter(settings.ratePerMinute(), clock));
    }

    /**
     * @param service     the remote service {@code VIDEO_CLIPS} names; empty for {@code local}
     * @param rateLimiter paces clip tasks at {@code VIDEO_RATE_PER_MIN}: shared by every node when it lives in Redis
     */
    public VideoClipSources(RemoteClipSettings settings, Optional<RemoteClipService> service, PriceTable prices, Clock clock,
                            Sleeper sleeper, RateLimiter rateLimiter) {
        this(settings, service, prices, clock, sleeper, rateLimiter, ProviderMeters.NONE);
    }

    /** @param meters where each try of a remote clip is counted (operation {@code clip}), for {@code GET /metrics} */
    public VideoClipSources(RemoteClipSettings settings, Optional<RemoteClipService> service, PriceTable prices, Clock clock,
                            Sleeper sleeper, RateLimiter rateLimiter, ProviderMeters meters) {
        this.clipMeter = service.map(remote -> meters.of(ProviderMeters.providerOf(remote.name()), "clip")).orElse(CallMeter.NONE);
        this.settings = settings;
        this.service = service;
        this.prices = prices;
        this.clock = clock;
        this.sleeper = sleeper;
        this.gate = new CallGate(settings.maxConcurrent(), rateLimiter);
        // Built once when the application starts (the composition root keeps one), so these are start-up warnings.
        service.ifPresent(remote -> remote.warnings().forEach(warning -> LOG.warn("[CONFIG] {}", warning)));
    }

    /** A generator for one story or run: paid clips are charged to {@code meter}; {@code fallbacks} hears of scenes that got {@code local}. */
    public VideoClipGenerator clips(VideoClipGenerator local, SpendMeter meter, ClipFallback.Listener fallbacks) {
        return clips(local, meter, fallbacks, ClipCache.NONE);
    }

    /** As {@link #clips(VideoClipGenerator, SpendMeter, ClipFallback.Listener)}, keeping delivered clips in {@code cache}. */
    public VideoClipGenerator clips(VideoClipGenerator local, SpendMeter meter, ClipFallback.Listener fallbacks, ClipCache cache) {
        if (service.isEmpty()) {
            return local;
        }
        RemoteClips remote = service.get().clips(settings.pollInterval(), meter, prices, clock, sleeper);
        Duration taskTimeout = service.get().taskTimeout();
        RetryPolicy retries = new RetryPolicy(settings.maxTries(), RETRY_BASE, RETRY_MAX, taskTimeout);
        return new FallbackClips(remote, local, gate, retries, sleeper, new Random(), fallbacks, cache, clipMeter);
    }

    /** One generator with a gate of its own: for a single run (the command line). */
    public static VideoClipGenerator from(RemoteClipSettings settings, Optional<RemoteClipService> service, PriceTable prices,
                                          SpendMeter meter, Clock clock, VideoClipGenerator local, ClipFallback.Listener fallbacks) {
        return new VideoClipSources(settings, service, prices, clock, Sleeper.REAL).clips(local, meter, fallbacks);
    }
}
