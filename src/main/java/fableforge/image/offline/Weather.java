package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/** What falls or floats in front of everything: rain, lightning, embers, sparkles, snow. */
final class Weather {

    private final Graphics2D g;
    private final double width;
    private final double height;
    private final double unit;

    Weather(Graphics2D g, double width, double height) {
        this.g = g;
        this.width = width;
        this.height = height;
        this.unit = Math.min(width, height);
    }

    void paint(Mood mood, Terrain terrain, Color power, SplittableRandom frame) {
        switch (mood.weather) {
            case RAIN -> rain(frame, 140, 0.3);
            case STORM -> {
                lightning(frame);
                rain(frame, 240, 0.4);
            }
            case EMBERS -> motes(frame, ColourMath.rgb(0xff8a3a), 60);
            case SPARKLES -> sparkles(frame, power);
            default -> {
            }
        }
        if (terrain == Terrain.SNOW && mood.weather != Mood.Weather.STORM) {
            motes(frame, Color.WHITE, 70);
        }
    }

    private void rain(SplittableRandom frame, int drops, double alpha) {
        g.setStroke(new BasicStroke((float) (unit * 0.0028), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(ColourMath.alpha(ColourMath.rgb(0xcfd8e6), alpha));
        double length = unit * 0.05;
        for (int i = 0; i < drops; i++) {
            double x = frame.nextDouble() * (width + length) - length * 0.3;
            double y = frame.nextDouble() * height;
            g.draw(new Line2D.Double(x, y, x - length * 0.25, y + length));
        }
    }

    private void lightning(SplittableRandom frame) {
        Path2D.Double bolt = new Path2D.Double();
        double x = width * (0.15 + frame.nextDouble() * 0.7);
        double y = 0;
        bolt.moveTo(x, y);
        while (y < height * 0.45) {
            x += (frame.nextDouble() - 0.5) * unit * 0.12;
            y += unit * (0.04 + frame.nextDouble() * 0.05);
            bolt.lineTo(x, y);
        }
        g.setColor(ColourMath.alpha(ColourMath.rgb(0xb8c8ff), 0.35));
        g.setStroke(new BasicStroke((float) (unit * 0.02), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(bolt);
        g.setColor(ColourMath.rgb(0xf6f8ff));
        g.setStroke(new BasicStroke((float) (unit * 0.006), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(bolt);
    }

    private void motes(SplittableRandom frame, Color colour, int count) {
        for (int i = 0; i < count; i++) {
            double x = frame.nextDouble() * width;
            double y = frame.nextDouble() * height;
            double size = unit * (0.003 + frame.nextDouble() * 0.006);
            g.setColor(ColourMath.alpha(colour, 0.5 + frame.nextDouble() * 0.4));
            g.fill(new Ellipse2D.Double(x - size, y - size, size * 2, size * 2));
        }
    }

    private void sparkles(SplittableRandom frame, Color power) {
        Color light = ColourMath.lighter(power, 0.5);
        for (int i = 0; i < 40; i++) {
            double x = frame.nextDouble() * width;
            double y = frame.nextDouble() * height * 0.85;
            double size = unit * (0.006 + frame.nextDouble() * 0.012);
            g.setColor(ColourMath.alpha(light, 0.55 + frame.nextDouble() * 0.45));
            g.fill(Marking.star(x, y, size, size * 0.25, 4));
        }
    }
}
