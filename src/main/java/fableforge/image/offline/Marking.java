package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.List;
import java.util.Locale;

/**
 * Turns the hero's free-text marking ("a white star on the forehead", "a scar over one eye") into a
 * shape on the head. Anything it cannot draw becomes a small patch, so every hero carries its mark.
 */
final class Marking {

    private Marking() {
    }

    static boolean tornEar(String marking) {
        String text = lower(marking);
        return text.contains("torn") || text.contains("notch") || text.contains("nicked") || text.contains("bitten");
    }

    /** The marking's shape centred on the forehead point, in figure units; r is the head radius. */
    static List<Figure.Part> on(String marking, Point2D forehead, double r, Color colour) {
        String text = lower(marking);
        double x = forehead.getX();
        double y = forehead.getY();
        double size = r * 0.32;
        if (text.contains("star")) {
            return List.of(part(star(x, y, size * 1.2, size * 0.5, 5), colour));
        }
        if (text.contains("heart")) {
            return List.of(part(heart(x, y, size), colour));
        }
        if (text.contains("moon") || text.contains("crescent")) {
            Area moon = new Area(new Ellipse2D.Double(x - size, y - size, 2 * size, 2 * size));
            moon.subtract(new Area(
                    new Ellipse2D.Double(x - size * 0.45, y - size * 1.15, 2 * size, 2 * size)));
            return List.of(part(moon, colour));
        }
        if (text.contains("lightning") || text.contains("bolt")) {
            return List.of(part(bolt(x, y, size * 1.3), colour));
        }
        if (text.contains("scar")) {
            return List.of(part(stroke(new Line2D.Double(x - size * 0.9, y - size, x + size * 0.6, y + size * 1.4),
                    size * 0.28), colour));
        }
        if (text.contains("stripe") || text.contains("blaze") || text.contains("streak")) {
            return List.of(part(stroke(new Line2D.Double(x - size * 1.4, y - size * 0.2, x + size * 1.6, y + size * 0.3),
                    size * 0.55), colour));
        }
        if (text.contains("spot") || text.contains("dot") || text.contains("freckle")) {
            return List.of(part(new Ellipse2D.Double(x - size * 0.7, y - size * 0.7, size * 1.4, size * 1.4), colour),
                    part(new Ellipse2D.Double(x + size * 0.9, y + size * 0.5, size * 0.7, size * 0.7), colour));
        }
        return List.of(part(new Ellipse2D.Double(x - size * 1.1, y - size * 0.8, size * 2.2, size * 1.6), colour));
    }

    static Shape star(double cx, double cy, double outer, double inner, int points) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < points * 2; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double angle = -Math.PI / 2 + i * Math.PI / points;
            double px = cx + Math.cos(angle) * radius;
            double py = cy + Math.sin(angle) * radius;
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        path.closePath();
        return path;
    }

    private static Shape heart(double x, double y, double s) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x, y + s);
        path.curveTo(x - s * 1.6, y - s * 0.2, x - s * 0.6, y - s * 1.3, x, y - s * 0.4);
        path.curveTo(x + s * 0.6, y - s * 1.3, x + s * 1.6, y - s * 0.2, x, y + s);
        path.closePath();
        return path;
    }

    private static Shape bolt(double x, double y, double s) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x + s * 0.2, y - s);
        path.lineTo(x - s * 0.5, y + s * 0.1);
        path.lineTo(x, y + s * 0.1);
        path.lineTo(x - s * 0.3, y + s);
        path.lineTo(x + s * 0.5, y - s * 0.2);
        path.lineTo(x, y - s * 0.2);
        path.closePath();
        return path;
    }

    private static Shape stroke(Shape line, double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(line);
    }

    private static Figure.Part part(Shape shape, Color colour) {
        return new Figure.Part(shape, colour, false);
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
