package fableforge.provider.openai;

import fableforge.story.AspectRatio;
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
     * A family taking any size on a grid of {@code multipleOf} pixels (gpt-image-2: 16, aspect 1:3 to
     * 3:1, at most 3840x2160); the frame is asked at its own size, its long side at most {@code longSide},
     * which keeps every story frame well inside those limits.
     */
    public record FlexibleSize(int multipleOf, int longSide) {
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

    private static int roundUp(double value, int grid) {
        return (int) Math.ceil(Math.round(value) / (double) grid) * grid;
    }
}
