package fableforge.provider.openai;

import fableforge.image.AspectRatio;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a family of OpenAI image models takes, as {@code models.json} describes it: the request fields,
 * the quality words, how a size is chosen for a frame, how many reference images an edit may carry.
 *
 * @param parameters         the request fields this family takes; no other field is ever sent to it
 * @param fixedSizes         the size asked for each frame label ({@code 9:16}, …), when the family has fixed sizes
 * @param flexible           the rule for families taking any size, when they do
 * @param maxReferenceImages image parts an edit may carry; 0 when the family cannot draw from references
 */
public record ImageFamily(
        String name,
        Set<String> parameters,
        List<String> qualities,
        String defaultQuality,
        Map<String, String> fixedSizes,
        Optional<FlexibleSize> flexible,
        int maxReferenceImages,
        int maxPromptChars) {

    public static final String UNKNOWN = "unknown";

    /**
     * Any {@code WIDTHxHEIGHT} with both sides a multiple of {@code multipleOf}, an aspect within
     * {@code maxAspect}:1 either way, no side over {@code maxSide} and at most {@code maxPixels}; the
     * frame's long side is asked as {@code longSide}.
     */
    public record FlexibleSize(int multipleOf, int longSide, double maxAspect, int maxSide, long maxPixels) {
    }

    public boolean takes(String parameter) {
        return parameters.contains(parameter);
    }

    public boolean known() {
        return !name.equals(UNKNOWN);
    }

    /**
     * The size to ask for a frame: the frame's own size (its long side at most the family's), each side rounded
     * up to the grid (9:16 → 1088x1920), or the family's fixed size for that frame.
     */
    public String size(AspectRatio frame) {
        if (flexible.isEmpty()) {
            return fixedSizes.getOrDefault(frame.label(), fixedSizes.values().iterator().next());
        }
        FlexibleSize rule = flexible.get();
        double scale = Math.min(1.0, (double) rule.longSide() / Math.max(frame.width(), frame.height()));
        int width = roundUp(frame.width() * scale, rule.multipleOf());
        int height = roundUp(frame.height() * scale, rule.multipleOf());
        return width + "x" + height;
    }

    /** Whether {@code size} is one this family takes; used to check what a table or a user asks for. */
    public boolean allows(int width, int height) {
        if (flexible.isEmpty()) {
            return fixedSizes.containsValue(width + "x" + height);
        }
        FlexibleSize rule = flexible.get();
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        return width > 0 && height > 0 && width % rule.multipleOf() == 0 && height % rule.multipleOf() == 0
                && aspect <= rule.maxAspect() && Math.max(width, height) <= rule.maxSide()
                && (long) width * height <= rule.maxPixels();
    }

    private static int roundUp(double value, int grid) {
        return (int) Math.ceil(Math.round(value) / (double) grid) * grid;
    }
}
