package fableforge.image.offline;

import fableforge.story.Beat;
import java.awt.Color;

/**
 * The light and weather of each beat. The palette walks from grey dusk through night, storm and dawn
 * to a golden sunrise, so a contact sheet of the story reads as an emotional arc.
 */
enum Mood {
    UNDERDOG(0x3d4756, 0x8793a3, 0x55657c, 0.42, Weather.RAIN, Celestial.NONE),
    DISCOVERY(0x070b26, 0x2c3266, 0x1c2452, 0.55, Weather.STARS, Celestial.MOON),
    SETBACK(0x1c1f26, 0x4a4f5a, 0x2c313c, 0.5, Weather.STORM, Celestial.NONE),
    TRAINING(0x6c9fd6, 0xffc99a, 0xffb27a, 0.12, Weather.CLEAR, Celestial.LOW_SUN),
    TRANSFORMATION(0x22104f, 0x8a48b0, 0x5b2e8c, 0.38, Weather.SPARKLES, Celestial.MOON),
    POWER_DISPLAY(0x2f8ff0, 0xc4e8ff, 0xffffff, 0.0, Weather.CLEAR, Celestial.HIGH_SUN),
    CHALLENGE(0x1e0606, 0x8e2b18, 0x5a1410, 0.42, Weather.EMBERS, Celestial.NONE),
    TRIUMPH(0xffa93d, 0xfff2c0, 0xffd27a, 0.16, Weather.CLEAR, Celestial.SUNRISE);

    enum Weather { CLEAR, RAIN, STORM, STARS, SPARKLES, EMBERS }

    enum Celestial { NONE, MOON, LOW_SUN, HIGH_SUN, SUNRISE }

    final Color skyTop;
    final Color skyBottom;
    final Color ambient;
    final double ambientStrength;
    final Weather weather;
    final Celestial celestial;

    Mood(int skyTop, int skyBottom, int ambient, double ambientStrength, Weather weather, Celestial celestial) {
        this.skyTop = ColourMath.rgb(skyTop);
        this.skyBottom = ColourMath.rgb(skyBottom);
        this.ambient = ColourMath.rgb(ambient);
        this.ambientStrength = ambientStrength;
        this.weather = weather;
        this.celestial = celestial;
    }

    static Mood of(Beat beat) {
        return beat == null ? UNDERDOG : valueOf(beat.name());
    }

    /** A scenery colour seen in this light. */
    Color lit(Color base) {
        return ColourMath.mix(base, ambient, ambientStrength);
    }

    /** A scenery colour further away: lit, then fading into the sky near the horizon. */
    Color distant(Color base, double depth) {
        return ColourMath.mix(lit(base), skyBottom, depth);
    }

    /** The hero keeps its own colours (it must stay recognisable), so it only takes a hint of the light. */
    Color onHero(Color base) {
        return ColourMath.mix(base, ambient, ambientStrength * 0.22);
    }

    boolean isDark() {
        return ColourMath.luminance(skyBottom) < 0.35;
    }
}
