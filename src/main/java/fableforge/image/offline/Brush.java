package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;

/**
 * Fills and outlines shapes the way the chosen {@link Style} would: ink lines for comics, pigment
 * pooling at the edges for watercolour, gradients for the 3D look. Every painter goes through a brush,
 * so the whole frame shares one hand.
 */
final class Brush {

    private final Style style;
    /** Pixels per unit of a 1080-pixel reference frame, so lines keep their weight at every size. */
    private final double unit;

    Brush(Style style, double unit) {
        this.style = style;
        this.unit = unit;
    }

    Style style() {
        return style;
    }

    double unit() {
        return unit;
    }

    /** Scenery: hills, trees, buildings. */
    void scenery(Graphics2D g, Shape shape, Color colour) {
        paint(g, shape, colour, sceneryLine(), false);
    }

    /** How far a character's outline reaches beyond its shapes, in pixels: half the line's width. */
    double figureOutlineReach() {
        return figureLine() * unit / 2;
    }

    /** Parts of a character; details inside the silhouette (bellies, stripes) pass outlined = false. */
    void figure(Graphics2D g, Shape shape, Color colour, boolean outlined) {
        paint(g, shape, colour, outlined ? figureLine() : 0, true);
    }

    private void paint(Graphics2D g, Shape shape, Color colour, double line, boolean figure) {
        switch (style) {
            case SMOOTH -> {
                Rectangle2D box = shape.getBounds2D();
                g.setPaint(new GradientPaint(
                        0, (float) box.getMinY(), ColourMath.lighter(colour, figure ? 0.14 : 0.12),
                        0, (float) box.getMaxY(), ColourMath.darker(colour, figure ? 0.2 : 0.16)));
                g.fill(shape);
            }
            case WATERCOLOR -> {
                // Scenery washes overlap like glazes; the hero stays opaque so its legs don't show through.
                g.setColor(figure ? colour : ColourMath.alpha(colour, 0.88));
                g.fill(shape);
            }
            default -> {
                g.setColor(colour);
                g.fill(shape);
            }
        }
        if (line > 0) {
            g.setStroke(new BasicStroke((float) (line * unit), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(inkFor(colour));
            g.draw(shape);
        }
    }

    private Color inkFor(Color colour) {
        return switch (style) {
            case COMIC -> new Color(0x14, 0x12, 0x18);
            case WATERCOLOR -> ColourMath.alpha(ColourMath.darker(colour, 0.35), 0.45);
            case PIXEL -> ColourMath.darker(colour, 0.6);
            default -> ColourMath.darker(colour, 0.55);
        };
    }

    private double sceneryLine() {
        return switch (style) {
            case COMIC -> 5;
            case WATERCOLOR -> 5;
            case PIXEL -> 6;
            case SMOOTH -> 0;
            case CLEAN -> 2.5;
        };
    }

    private double figureLine() {
        return switch (style) {
            case COMIC -> 8;
            case WATERCOLOR -> 4;
            case PIXEL -> 6;
            case SMOOTH -> 2;
            case CLEAN -> 4;
        };
    }
}
