package fableforge.video.hailuo;

import java.util.List;
import java.util.Optional;

/**
 * What each MiniMax image-to-video model renders, as data: its resolutions and, per resolution, the
 * clip lengths it makes. The start-up check of {@code HAILUO_RESOLUTION} and the adapter's choice of
 * duration both read this table; nothing else looks at a model's name.
 *
 * <p>Sources (checked 2026-12-02): MiniMax's image-to-video reference
 * (https://platform.minimax.io/docs/api-reference/video-generation-i2v) as summarised in
 * /work/shared/provider-contracts.md and in MiniMax's own clients (MiniMax-AI/cli
 * {@code src/commands/video/generate.ts}: 2.3-Fast is image-to-video only); the resolution and duration
 * limits as restated by resellers of the same API (docs.unifically.com/models/video/minimax/hailuo,
 * "1080p only supports 6", "512p (I2V only)" for 02; doc.vtrix.ai minimax-i2v-01-live, "fixed at 720P",
 * "fixed at 6 seconds"): MiniMax-Hailuo-02 512P/768P at 6 or 10 s and 1080P at 6 s;
 * MiniMax-Hailuo-2.3 and 2.3-Fast 768P at 6 or 10 s and 1080P at 6 s; the I2V-01 models 720P at 6 s.
 */
public final class HailuoModels {

    /** A resolution a model renders at, with the clip lengths in seconds it makes there, shortest first. */
    public record Resolution(String name, List<Integer> durations) {
    }

    /** @param defaultResolution what the model renders at when {@code HAILUO_RESOLUTION} is not set */
    public record Model(String name, List<Resolution> offered, String defaultResolution) {

        public List<String> resolutions() {
            return offered.stream().map(Resolution::name).toList();
        }
    }

    /** Seconds every MiniMax video model makes: all a model missing from the table is asked for. */
    static final List<Integer> SAFE_DURATIONS = List.of(6);

    private static final Resolution P512 = new Resolution("512P", List.of(6, 10));
    private static final Resolution P720 = new Resolution("720P", List.of(6));
    private static final Resolution P768 = new Resolution("768P", List.of(6, 10));
    private static final Resolution P1080 = new Resolution("1080P", List.of(6));

    static final List<Model> TABLE = List.of(
            new Model("MiniMax-Hailuo-2.3", List.of(P768, P1080), "768P"),
            new Model("MiniMax-Hailuo-2.3-Fast", List.of(P768, P1080), "768P"),
            new Model("MiniMax-Hailuo-02", List.of(P512, P768, P1080), "768P"),
            new Model("I2V-01", List.of(P720), "720P"),
            new Model("I2V-01-live", List.of(P720), "720P"),
            new Model("I2V-01-Director", List.of(P720), "720P"));

    private HailuoModels() {
    }

    public static Optional<Model> find(String name) {
        return TABLE.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    /** The clip lengths {@code model} makes at {@code resolution}; 6 s alone when the table does not know them. */
    static List<Integer> durations(String model, String resolution) {
        return find(model).stream().flatMap(known -> known.offered().stream())
                .filter(offered -> offered.name().equals(resolution))
                .map(Resolution::durations).findFirst().orElse(SAFE_DURATIONS);
    }
}
