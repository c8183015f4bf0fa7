package fableforge.image.offline;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** The sky of a frame: the mood's gradient, sun or moon, stars and clouds. */
final class Sky {

    private final Graphics2D g;
    private final Brush brush;
    private final Mood mood;
    private final Shot shot;
    private final double width;
    private final double height;

    Sky(Graphics2D g, Brush brush, Mood mood, Shot shot, double width, double height) {
        this.g = g;
        this.brush = brush;
        this.mood = mood;
        this.shot = shot;
        this.width = width;
        this.height = height;
    }

    void paint(SplittableRandom frame) {
        g.setPaint(new GradientPaint(0, 0, mood.skyTop, 0, (float) shot.horizonY(), mood.skyBottom));
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        if (mood.weather == Mood.Weather.STARS || mood.weather == Mood.Weather.SPARKLES) {
            stars(frame);
        }
        celestial();
        clouds(frame);
    }

    /** Where the sun or moon hangs, so light rays and glows can start there. */
    Point2D lightSource() {
        double unit = Math.min(width, height);
        return switch (mood.celestial) {
            case SUNRISE -> new Point2D.Double(shot.heroX() + shot.facing() * unit * 0.1, shot.horizonY() - unit * 0.04);
            case LOW_SUN -> new Point2D.Double(width * (shot.facing() > 0 ? 0.8 : 0.2), shot.horizonY() - unit * 0.12);
            case HIGH_SUN -> new Point2D.Double(width * (shot.facing() > 0 ? 0.82 : 0.18), height * 0.12);
            case MOON, NONE -> new Point2D.Double(width * (shot.facing() > 0 ? 0.78 : 0.22), height * 0.14);
        };
    }

    private void celestial() {
        if (mood.celestial == Mood.Celestial.NONE) {
            return;
        }
        double unit = Math.min(width, height);
        Point2D at = lightSource();
        boolean moon = mood.celestial == Mood.Celestial.MOON;
        double radius = unit * (moon ? 0.06 : mood.celestial == Mood.Celestial.SUNRISE ? 0.16 : 0.08);
        Color core = moon ? ColourMath.rgb(0xf4f1dc) : ColourMath.rgb(0xfff4c8);
        Color halo = moon ? ColourMath.rgb(0xaab8ff) : ColourMath.rgb(0xffd27a);
        g.setPaint(new RadialGradientPaint(at, (float) (radius * 4), new float[] {0f, 1f},
                new Color[] {ColourMath.alpha(halo, 0.45), ColourMath.alpha(halo, 0)}));
        g.fill(new Ellipse2D.Double(at.getX() - radius * 4, at.getY() - radius * 4, radius * 8, radius * 8));
        Area disc = new Area(new Ellipse2D.Double(at.getX() - radius, at.getY() - radius, radius * 2, radius * 2));
        if (moon) {
            disc.subtract(new Area(new Ellipse2D.Double(at.getX() - radius * 0.35, at.getY() - radius * 1.2,
                    radius * 2, radius * 2)));
        }
        g.setColor(core);
        g.fill(disc);
    }

    private void stars(SplittableRandom frame) {
        double unit = Math.min(width, height);
        for (int i = 0; i < 90; i++) {
            double x = frame.nextDouble() * width;
            double y = frame.nextDouble() * shot.horizonY() * 0.9;
            double size = unit * (0.002 + frame.nextDouble() * 0.004);
            g.setColor(ColourMath.alpha(Color.WHITE, 0.5 + frame.nextDouble() * 0.5));
            g.fill(new Ellipse2D.Double(x - size, y - size, size * 2, size * 2));
        }
    }

    private void clouds(SplittableRandom frame) {
        int count = switch (mood.weather) {
            case STORM -> 7;
            case RAIN -> 5;
            case STARS, SPARKLES -> 1;
            default -> 3;
        };
        double unit = Math.min(width, height);
        Color colour = switch (mood.weather) {
            case STORM -> ColourMath.rgb(0x2a2d35);
            case RAIN -> ColourMath.rgb(0x5c6675);
            case EMBERS -> ColourMath.rgb(0x3a1410);
            default -> ColourMath.lighter(mood.skyBottom, 0.55);
        };
        for (int i = 0; i < count; i++) {
            double x = frame.nextDouble() * width;
            double y = shot.horizonY() * (0.08 + frame.nextDouble() * 0.55);
            double w = unit * (0.25 + frame.nextDouble() * 0.3);
            Area cloud = new Area(new Ellipse2D.Double(x - w / 2, y - w * 0.12, w, w * 0.24));
            cloud.add(new Area(new Ellipse2D.Double(x - w * 0.3, y - w * 0.25, w * 0.36, w * 0.3)));
            cloud.add(new Area(new Ellipse2D.Double(x - w * 0.05, y - w * 0.3, w * 0.4, w * 0.36)));
            brush.scenery(g, cloud, ColourMath.alpha(colour, 0.92));
        }
    }
}
