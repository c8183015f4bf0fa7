package fableforge;

import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.LocalMotionClips;
import fableforge.video.MotionPlan;
import fableforge.video.Narrator;
import fableforge.video.VideoClipGenerator;
import fableforge.video.remote.ClipCache;
import fableforge.video.remote.VideoClipSources;
import fableforge.videojob.VideoTools;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The video tools this configuration provides: clip sources (the built-in camera motion, and the one
 * remote service {@code VIDEO_CLIPS} names, sharing one gate across all stories) and narrations
 * (espeak-ng when installed, OpenAI speech when it has a key or a compatible server).
 */
final class ConfiguredVideoTools implements VideoTools {

    private final BiFunction<String, SpendMeter, Narrator> narrators;
    private final PriceTable prices;
    private final Providers providers;
    private final boolean localSpeech;
    private final VideoClipSources remoteClips;

    /**
     * @param narrators   {@link App#narrator(String, SpendMeter)}
     * @param localSpeech whether a local speech engine (espeak-ng or espeak) is on PATH
     */
    ConfiguredVideoTools(BiFunction<String, SpendMeter, Narrator> narrators, PriceTable prices, Providers providers, boolean localSpeech,
                         java.time.Clock clock, fableforge.job.RateLimiter clipRateLimiter) {
        this.narrators = narrators;
        this.prices = prices;
        this.providers = providers;
        this.localSpeech = localSpeech;
        this.remoteClips = new VideoClipSources(providers.video(), prices, clock, fableforge.job.Sleeper.REAL, clipRateLimiter);
    }

    @Override
    public List<String> clipSources() {
        String configured = providers.video().clips();
        return configured.equals("local") ? List.of("local") : List.of("local", configured);
    }

    @Override
    public List<String> narrations() {
        List<String> available = new ArrayList<>(List.of("none"));
        if (localSpeech) {
            available.add("local");
        }
        if (openAiSpeech()) {
            available.add("openai");
        }
        return List.copyOf(available);
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

    /** Remote clips are priced per scene as 5-second clips (the shortest both services make). */
    @Override
    public Optional<BigDecimal> clipsCost(String source, int scenes) {
        Providers.Video video = providers.video();
        Optional<BigDecimal> perClip = switch (source) {
            case "local" -> Optional.of(BigDecimal.ZERO);
            case "kling" -> prices.unit("video", video.kling().model() + "/" + video.kling().mode() + "/5");
            case "hailuo" -> prices.unit("video", video.hailuo().model() + "/" + video.hailuo().resolution() + "/6");
            default -> Optional.empty();
        };
        return perClip.map(price -> price.multiply(BigDecimal.valueOf(scenes)));
    }

    @Override
    public Narrator narrator(String narration, SpendMeter meter) {
        return narrators.apply(narration, meter);
    }

    @Override
    public Optional<BigDecimal> narrationCost(String narration, int characters) {
        if (!narration.equals("openai")) {
            return Optional.of(BigDecimal.ZERO);
        }
        return prices.unit("speech", providers.speech().model()).map(perCharacter -> perCharacter.multiply(BigDecimal.valueOf(characters)));
    }

    /** The same condition {@link App#narrator} applies: a key, or a server other than OpenAI's own. */
    private boolean openAiSpeech() {
        return providers.openAi().usable();
    }
}
