package fableforge.videojob;

import fableforge.spend.SpendMeter;
import fableforge.video.Narrator;
import fableforge.video.VideoClipGenerator;
import fableforge.video.remote.ClipCache;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What this server can make a video with, by the names the API and the UI use: clip sources
 * ({@code local}, {@code kling}, {@code hailuo}) and narrations ({@code none}, {@code local},
 * {@code openai}). The composition root decides which are configured and builds them.
 */
public interface VideoTools {

    /** Every clip source the API knows, configured or not. */
    List<String> CLIP_SOURCES = List.of("local", "kling", "hailuo");
    /** Every narration the API knows, available or not. */
    List<String> NARRATIONS = List.of("none", "local", "openai");

    /** The clip sources that work on this server now; {@code local} always. */
    List<String> clipSources();

    /** The narrations that work on this server now; {@code none} always. */
    List<String> narrations();

    /** Why a known clip source or narration is not available here, in words the user can act on. */
    String unavailableBecause(String name);

    /**
     * The clip generator of a source in {@link #clipSources()}. A remote source is expected to fall
     * back to the local camera motion for a scene whose clip it could not make, and to say so through
     * {@code fallbacks}. Paid clips are charged to {@code meter} and kept in {@code cache}.
     */
    VideoClipGenerator clips(String source, SpendMeter meter, ClipFallbacks fallbacks, ClipCache cache);

    /** The narrator of a narration in {@link #narrations()}, charging paid speech to {@code meter}. */
    Narrator narrator(String narration, SpendMeter meter);

    /** What counts each try of a narration's speech for {@code GET /metrics}; nothing by default. */
    default fableforge.provider.call.CallMeter narrationMeter(String narration) {
        return fableforge.provider.call.CallMeter.NONE;
    }

    /** What narrating {@code characters} characters costs: zero when free, empty when the price is unknown. */
    Optional<BigDecimal> narrationCost(String narration, int characters);

    /** What {@code scenes} clips from a source cost: zero when free, empty when the price is unknown. */
    default Optional<BigDecimal> clipsCost(String source, int scenes) {
        return source.equals("local") ? Optional.of(BigDecimal.ZERO) : Optional.empty();
    }

    /** The caption style of a video whose request does not name one: {@code CAPTION_STYLE}, else phrase. */
    default fableforge.video.CaptionStyle captionStyle() {
        return fableforge.video.CaptionStyle.DEFAULT;
    }

    /** Hears that a scene's clip came from the local camera motion instead of the chosen source. */
    @FunctionalInterface
    interface ClipFallbacks {
        void fellBack(int sceneNumber, String reason);

        ClipFallbacks NONE = (sceneNumber, reason) -> { };
    }
}
