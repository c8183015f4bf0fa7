package fableforge.prompt;

import java.util.Locale;
import java.util.Map;

/** Turns the quiz's visual style answer into the style sentence every prompt opens with. */
final class VisualStyle {

    private static final Map<String, String> KNOWN = Map.of(
            "pixar 3d", "Pixar-style 3D animated film still, soft global illumination, expressive eyes",
            "anime", "Anime illustration, clean cel shading, vivid colours, detailed background art",
            "watercolor", "Watercolor storybook illustration, soft washes, visible paper texture",
            "comic book", "Comic book panel, bold ink outlines, halftone shading, dynamic angles",
            "realistic", "Photorealistic wildlife photograph, natural light, shallow depth of field",
            "pixel art", "Pixel art scene, 16-bit palette, crisp pixels",
            "paper cutout", "Layered paper cutout illustration, soft shadows between layers");

    private VisualStyle() {
    }

    static String describe(String visualStyle) {
        String key = visualStyle.strip().toLowerCase(Locale.ROOT);
        String known = KNOWN.get(key);
        return known != null ? known : capitalise(visualStyle.strip()) + " style illustration";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
