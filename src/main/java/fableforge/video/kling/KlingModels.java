package fableforge.video.kling;

import java.util.List;
import java.util.Optional;

/**
 * Which optional parameters each Kling image-to-video model takes, as data: the adapter asks this
 * table, never the model's name. {@code KLING_MODEL} stays free configuration; a model missing here
 * gets only the parameters every model takes ({@code model_name}, {@code image}, {@code prompt},
 * {@code negative_prompt}, {@code duration} "5"/"10", {@code external_task_id}) and a start-up warning.
 *
 * <p>Sources (checked 2026-12-02): Kling's image-to-video reference, {@code cfg_scale} "not supported
 * for V2.x models" (mirrored in inference-sh/grid {@code api/klingai/docs/04-video-image2video.md});
 * Kling's capability map, mode STD/PRO for kling-v1, v1-5, v1-6, v2-1 and v2-5-turbo, none for the
 * master models, 5 s and 10 s for all ({@code api/klingai/docs/01-capabilities-map.md}); Kling's
 * update log, "Kling-v2-master currently does not support mode parameter" (05/13/2025),
 * "V2.5-Turbo supports STD Mode" (11/11/2025), v2-6 image-to-video without sound in std (12/15/2025).
 */
public final class KlingModels {

    /**
     * @param cfgScale whether the model takes {@code cfg_scale} (only the kling-v1 family)
     * @param mode     whether the model takes {@code mode} std/pro (the master models do not)
     */
    public record Model(String name, boolean cfgScale, boolean mode) {
    }

    static final List<Model> TABLE = List.of(
            new Model("kling-v1", true, true),
            new Model("kling-v1-5", true, true),
            new Model("kling-v1-6", true, true),
            new Model("kling-v2-master", false, false),
            new Model("kling-v2-1", false, true),
            new Model("kling-v2-1-master", false, false),
            new Model("kling-v2-5-turbo", false, true),
            new Model("kling-v2-6", false, true));

    private KlingModels() {
    }

    public static Optional<Model> find(String name) {
        return TABLE.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    /** The parameters {@code name} takes: its row, or only the common ones when it has none. */
    static Model of(String name) {
        return find(name).orElse(new Model(name, false, false));
    }

    /** What an operator should hear at start-up about {@code KLING_MODEL} and {@code KLING_MODE}, if anything. */
    public static Optional<String> warning(String name, String mode) {
        Optional<Model> known = find(name);
        if (known.isEmpty()) {
            return Optional.of("KLING_MODEL=" + name + " is not in our table of Kling models ("
                    + String.join(", ", TABLE.stream().map(Model::name).toList())
                    + "): it is sent only the common parameters (no mode, no cfg_scale), so KLING_MODE=" + mode + " is not applied");
        }
        if (!known.get().mode() && !mode.equals("std")) {
            return Optional.of("KLING_MODE=" + mode + " is ignored: " + name + " takes no mode");
        }
        return Optional.empty();
    }
}
