package fableforge.image.offline;

import java.awt.Color;

/** Colour arithmetic shared by the painters: mixing toward the mood's light, shading and alpha. */
final class ColourMath {

    private ColourMath() {
    }

    static Color rgb(int rgb) {
        return new Color(rgb & 0xFFFFFF);
    }

    static Color mix(Color a, Color b, double t) {
        double k = Math.max(0, Math.min(1, t));
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * k),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * k),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * k),
                a.getAlpha());
    }

    static Color darker(Color c, double amount) {
        return mix(c, Color.BLACK, amount);
    }

    static Color lighter(Color c, double amount) {
        return mix(c, Color.WHITE, amount);
    }

    static Color alpha(Color c, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /** Perceived brightness in 0..1, used to pick readable ink and to keep dark heroes visible at night. */
    static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255.0;
    }
}
