package fableforge.image.offline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.function.UnaryOperator;

/**
 * Puts characters into a frame: builds the figure for a body plan, scales and places it for the shot and
 * paints it through the brush. A placed figure keeps its transform so effects can find its chest, head
 * and silhouette on screen.
 */
final class Cast {

    private Cast() {
    }

    record Placed(Figure figure, AffineTransform toScreen) {

        Point2D chest() {
            return toScreen.transform(figure.chest(), null);
        }

        Point2D head() {
            return toScreen.transform(figure.head(), null);
        }

        Rectangle2D bounds() {
            return toScreen.createTransformedShape(figure.bounds()).getBounds2D();
        }

        Area silhouette() {
            return figure.silhouette().createTransformedArea(toScreen);
        }
    }

    static Figure figure(Anatomy anatomy, Pose pose, HeroPalette palette, String marking) {
        return switch (anatomy.plan().shape) {
            case UPRIGHT -> new UprightFigure(anatomy, pose, palette, marking).build();
            case SHELLED -> new ShellFigure(pose, palette, marking).build();
            case FOUR_LEGGED -> new FourLeggedFigure(anatomy, pose, palette, marking).build();
        };
    }

    /**
     * Scales the figure so its larger side (tall animals count a little extra) matches the wanted size,
     * but never so tall that its head leaves the top of the frame.
     */
    static Placed place(Figure figure, double size, double x, double groundY, int facing, double frameHeight) {
        Rectangle2D box = figure.bounds();
        double scale = size / Math.max(box.getWidth(), box.getHeight() * 1.35);
        double headroom = groundY - frameHeight * 0.1;
        scale = Math.min(scale, headroom / Math.max(1, -box.getMinY()));
        AffineTransform toScreen = new AffineTransform();
        toScreen.translate(x, groundY);
        toScreen.scale(scale * facing, scale);
        toScreen.translate(-box.getCenterX(), 0);
        return new Placed(figure, toScreen);
    }

    /** {@code placed} scaled by {@code scale} about its feet, where it stands. */
    static Placed scaled(Placed placed, double scale) {
        Point2D feet = placed.toScreen().transform(new Point2D.Double(placed.figure().bounds().getCenterX(), 0), null);
        AffineTransform toScreen = new AffineTransform();
        toScreen.translate(feet.getX(), feet.getY());
        toScreen.scale(scale, scale);
        toScreen.translate(-feet.getX(), -feet.getY());
        toScreen.concatenate(placed.toScreen());
        return new Placed(placed.figure(), toScreen);
    }

    /** {@code placed} moved {@code dx} pixels sideways. */
    static Placed shifted(Placed placed, double dx) {
        AffineTransform toScreen = AffineTransform.getTranslateInstance(dx, 0);
        toScreen.concatenate(placed.toScreen());
        return new Placed(placed.figure(), toScreen);
    }

    static void paint(Graphics2D g, Brush brush, Placed placed, UnaryOperator<Color> light) {
        for (Figure.Part part : placed.figure().parts()) {
            Shape shape = placed.toScreen().createTransformedShape(part.shape());
            brush.figure(g, shape, light.apply(part.fill()), part.outlined());
        }
    }

    /** A rim of light along the edge that faces the light source: the "3D film" look. */
    static void rimLight(Graphics2D g, Placed placed, Color light, double unit) {
        Area silhouette = placed.silhouette();
        Area rim = new Area(silhouette);
        rim.subtract(silhouette.createTransformedArea(AffineTransform.getTranslateInstance(-unit * 7, unit * 7)));
        g.setColor(ColourMath.alpha(light, 0.55));
        g.fill(rim);
    }
}
