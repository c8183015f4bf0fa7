package fableforge.image.offline;

import java.util.Locale;

/**
 * The drawing treatments, picked from the user's free-text visual style. Each one decides how shapes are
 * filled and outlined ({@link Brush}), at what resolution the scene is painted, and what finishing pass
 * ({@link Finish}) runs over the picture.
 */
enum Style {
    /** Soft edges and paper grain: painted at half size and smoothly enlarged so edges bleed. */
    WATERCOLOR(2, true, "watercolo", "painterly", "aquarel", "gouache", "pastel", "storybook"),
    /** Thick ink outlines and halftone dots. */
    COMIC(1, true, "comic", "cartoon", "manga", "graphic novel", "pop art", "ink"),
    /** Painted tiny and blown up with nearest-neighbour so every pixel shows. */
    PIXEL(6, false, "pixel", "8-bit", "8 bit", "16-bit", "16 bit", "retro", "voxel", "minecraft"),
    /** Smooth gradients and rim light, like a 3D film still. */
    SMOOTH(1, true, "anime", "pixar", "3d", "3-d", "cgi", "render", "disney", "ghibli", "cinematic", "clay"),
    /** Clean storyboard: flat colours, confident outlines. */
    CLEAN(1, true);

    /** The scene is painted at 1/downscale size and enlarged afterwards. */
    final int downscale;
    final boolean antialias;
    private final String[] keywords;

    Style(int downscale, boolean antialias, String... keywords) {
        this.downscale = downscale;
        this.antialias = antialias;
        this.keywords = keywords;
    }

    static Style of(String visualStyle) {
        String text = visualStyle == null ? "" : visualStyle.toLowerCase(Locale.ROOT);
        for (Style style : values()) {
            for (String keyword : style.keywords) {
                if (text.contains(keyword)) {
                    return style;
                }
            }
        }
        return CLEAN;
    }
}
