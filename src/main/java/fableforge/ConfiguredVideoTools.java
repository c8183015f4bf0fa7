package fableforge;

import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.Narrators;
import fableforge.video.VideoClipGenerator;
import fableforge.video.remote.ClipCache;
import fableforge.video.remote.RemoteClipService;
import fableforge.video.remote.RemoteClipSettings;
import fableforge.video.remote.VideoClipSources;
import fableforge.videojob.VideoTools;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The video tools this configuration provides: clip sources (the built-in camera motion, and the one
 * remote service {@code VIDEO_CLIPS} names, sharing one gate across all stories) and narrations
 * ({@link Narrators}: espeak-ng when installed, OpenAI speech when it has a key or a compatible server).
 * The remote service and the narrators are built by their own packages; this only puts them together.
 */
final class ConfiguredVideoTools implements VideoTools {

    private final Narrators narrators;
    private final PriceTable prices;
    private final RemoteClipSettings clipSettings;
    private final Optional<RemoteClipService> remoteService;
    private final VideoClipSources remoteClips;
    private final fableforge.video.CaptionStyle captionStyle;
    private final fableforge.provider.call.ProviderMeters meters;

    @Override
    public fableforge.video.CaptionStyle captionStyle() {
        return captionStyle;
    }

    /** @param remoteService the service {@code VIDEO_CLIPS} names, empty for {@code local} */
    ConfiguredVideoTools(Narrators narrators, PriceTable prices, RemoteClipSettings clipSettings, Optional<RemoteClipService> remoteService,
                         java.time.Clock clock, fableforge.job.RateLimiter clipRateLimiter, fableforge.video.CaptionStyle captionStyle,
                         fableforge.provider.call.ProviderMeters meters) {
        this.captionStyle = captionStyle;
        this.meters = meters;
        this.narrators = narrators;
        this.prices = prices;
        this.clipSettings = clipSettings;
        this.remoteService = remoteService;
        this.remoteClips = new VideoClipSources(clipSettings, remoteService, prices, clock, fableforge.job.Sleeper.REAL, clipRateLimiter, meters);
    }

    @Override
    public List<String> clipSources() {
        String configured = clipSettings.clips();
        return configured.equals(RemoteClipSettings.LOCAL) ? List.of("local") : List.of("local", configured);
    }

    @Override
    public List<String> narrations() {
        return narrators.available();
    }

    @Override
    public String unavailableBecause(String name) {
        return switch (name) {
            case "kling" -> "Kling clips are not configured on this server (set VIDEO_CLIPS=kling and KLING_API_KEY); use clips \"local\" (camera motion over the images)";
            case "hailuo" -> "Hailuo clips are not configured on this server (set VIDEO_CLIPS=hailuo and HAILUO_AUTH); use clips \"local\" (camera motion over the images)";
            case "local" -> "local narration needs espeak-ng on the server (apt-get install espeak-ng); choose none or openai";
            case "openai" -> "narration by OpenAI needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server); choose none or local";
            default -> name + " is not available on this server";
        };
    }

    @Override
    public VideoClipGenerator clips(String source, SpendMeter meter, ClipFallbacks fallbacks, ClipCache cache) {
        if (!clipSources().contains(source)) {
            throw new IllegalArgumentException(unavailableBecause(source));
        }
        VideoClipGenerator local = new LocalMotionClips(new MotionPlan());
        return source.equals("local") ? local
                : remoteClips.clips(local, meter, fallback -> fallbacks.fellBack(fallback.sceneNumber(), fallback.message()), cache);
    }

    /** Remote clips are priced per scene as the shortest clip the service makes. */
    @Override
    public Optional<BigDecimal> clipsCost(String source, int scenes) {
        Optional<BigDecimal> perClip = source.equals(RemoteClipSettings.LOCAL) ? Optional.of(BigDecimal.ZERO)
                : remoteService.filter(service -> service.name().equals(source)).flatMap(service -> service.clipPrice(prices));
        return perClip.map(price -> price.multiply(BigDecimal.valueOf(scenes)));
    }

    @Override
    public Narrator narrator(String narration, SpendMeter meter) {
        return narrators.narrator(narration, meter);
    }

    /** The narration's name is its provider's label ({@code openai}, {@code local} for espeak-ng); {@code none} calls nothing. */
    @Override
    public fableforge.provider.call.CallMeter narrationMeter(String narration) {
        return narration.equals("none") ? fableforge.provider.call.CallMeter.NONE : meters.of(narration, "speech");
    }

    @Override
    public Optional<BigDecimal> narrationCost(String narration, int characters) {
        if (!narration.equals("openai")) {
            return Optional.of(BigDecimal.ZERO);
        }
        return prices.unit("speech", narrators.speechModel()).map(perCharacter -> perCharacter.multiply(BigDecimal.valueOf(characters)));
    }
}
