package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.List;

/** Builds a standing bird (owl, eagle, raven...) or penguin, side-on and facing +x. */
final class UprightFigure {

    private static final Color BEAK = ColourMath.rgb(0xF0A830);
    private static final AffineTransform NO_TURN = new AffineTransform();

    private final Anatomy anatomy;
    private final Pose pose;
    private final HeroPalette palette;
    private final String marking;
    private final boolean penguin;
    private final List<Figure.Part> parts = new ArrayList<>();

    UprightFigure(Anatomy anatomy, Pose pose, HeroPalette palette, String marking) {
        this.anatomy = anatomy;
        this.pose = pose;
        this.palette = palette;
        this.marking = marking;
        this.penguin = anatomy.plan() == BodyPlan.PENGUIN;
    }

    Figure build() {
        double sink = pose.crouch() * 10;
        double bodyW = penguin ? 58 : 50;
        double bodyH = penguin ? 90 : 66;
        double bodyCy = -(penguin ? 50 : 52) + sink;
        double lean = anatomy.owlFace() || penguin ? 0 : 0.22 - pose.rear() * 0.15;
        AffineTransform tilt = AffineTransform.getRotateInstance(lean, 0, bodyCy);
        legs(bodyCy + bodyH * 0.42);
        if (pose.wingsOpen()) {
            // Both wings raised behind the body in a V: the heroic silhouette reads at thumbnail size.
            wing(bodyCy, -1, palette.shade());
            wing(bodyCy, 1, palette.primary());
        }
        tail(bodyCy, bodyH);
        Shape body = tilt.createTransformedShape(
                new Ellipse2D.Double(-bodyW / 2, bodyCy - bodyH / 2, bodyW, bodyH));
        parts.add(new Figure.Part(body, palette.primary(), true));
        Area belly = new Area(tilt.createTransformedShape(new Ellipse2D.Double(-bodyW * 0.12, bodyCy - bodyH * 0.25,
                bodyW * 0.62, bodyH * 0.72)));
        belly.intersect(new Area(body));
        parts.add(new Figure.Part(belly, palette.secondary(), false));
        if (!pose.wingsOpen()) {
            Shape folded = AffineTransform.getRotateInstance(0.3 + lean, -4, bodyCy).createTransformedShape(
                    new Ellipse2D.Double(-bodyW * 0.42, bodyCy - bodyH * 0.32, bodyW * 0.62, bodyH * 0.78));
            parts.add(new Figure.Part(folded, palette.shade(), true));
        }
        Point2D head = penguin ? new Point2D.Double(8, bodyCy - bodyH * 0.42)
                : new Point2D.Double(anatomy.owlFace() ? 0 : 12, bodyCy - bodyH * 0.55);
        head = new Point2D.Double(head.getX() + Math.max(0, pose.headDrop()) * 10,
                head.getY() + pose.headDrop() * 12);
        head(head);
        return new Figure(List.copyOf(parts), new Point2D.Double(bodyW * 0.45, bodyCy - bodyH * 0.2), head);
    }

    private void legs(double hipY) {
        Color legColour = penguin ? BEAK : ColourMath.mix(BEAK, palette.dark(), 0.3);
        for (double x : new double[] {-7, 7}) {
            Path2D.Double leg = new Path2D.Double();
            leg.moveTo(x, hipY - 6);
            leg.lineTo(x, -2);
            leg.lineTo(x + 10, 0);
            leg.moveTo(x, -2);
            leg.lineTo(x + 4, 1);
            parts.add(new Figure.Part(thick(leg, penguin ? 7 : 4), legColour, true));
        }
    }

    private void tail(double bodyCy, double bodyH) {
        Path2D.Double tail = new Path2D.Double();
        double base = bodyCy + bodyH * 0.3;
        tail.moveTo(-8, base - 12);
        tail.lineTo(-(penguin ? 30 : 42), base + (penguin ? 10 : 16));
        tail.lineTo(-(penguin ? 18 : 30), base + 20);
        tail.lineTo(4, base + 2);
        tail.closePath();
        parts.add(new Figure.Part(tail, palette.shade(), true));
    }

    /** An open wing, fanned up and back; side -1 is the far wing. */
    private void wing(double bodyCy, int side, Color colour) {
        double span = penguin ? 0.45 : 1.0;
        Path2D.Double wing = new Path2D.Double();
        double sx = side < 0 ? 8 : -6;
        wing.moveTo(sx, bodyCy - 18);
        wing.quadTo(sx - 40 * span, bodyCy - 95 * span, sx - 95 * span, bodyCy - 110 * span);
        for (int i = 0; i < 5; i++) {
            double t = (i + 1) / 5.0;
            wing.lineTo(sx - 95 * span + 22 * t * span, bodyCy - 110 * span + 95 * t * span - 14 * span);
            wing.lineTo(sx - 95 * span + 26 * t * span, bodyCy - 110 * span + 95 * t * span);
        }
        wing.lineTo(sx, bodyCy + 6);
        wing.closePath();
        Shape placed = side < 0
                ? new AffineTransform(-1, 0, 0, 1, 2 * sx + 4, 0).createTransformedShape(wing) : wing;
        parts.add(new Figure.Part(placed, colour, true));
    }

    private void head(Point2D at) {
        double r = anatomy.owlFace() ? 25 : penguin ? 21 : 18;
        double x = at.getX();
        double y = at.getY();
        if (anatomy.earTufts()) {
            for (double side : new double[] {-1, 1}) {
                Path2D.Double tuft = new Path2D.Double();
                tuft.moveTo(x + side * r * 0.9, y - r * 0.4);
                tuft.lineTo(x + side * r * 1.05, y - r * 1.45);
                tuft.lineTo(x + side * r * 0.25, y - r * 0.85);
                tuft.closePath();
                parts.add(new Figure.Part(tuft, palette.shade(), true));
            }
        }
        parts.add(new Figure.Part(new Ellipse2D.Double(x - r, y - r, r * 2, r * 2), palette.primary(), true));
        if (anatomy.owlFace()) {
            parts.add(new Figure.Part(new Ellipse2D.Double(x - r * 0.85, y - r * 0.7, r * 1.7, r * 1.45),
                    palette.secondary(), false));
            for (double side : new double[] {-1, 1}) {
                AnimalHead.eye(parts, new Point2D.Double(x + side * r * 0.4, y - r * 0.12), r * 0.3, false,
                        pose.sleepyEyes(), palette, NO_TURN);
            }
            Path2D.Double beak = new Path2D.Double();
            beak.moveTo(x - r * 0.14, y + r * 0.12);
            beak.lineTo(x + r * 0.14, y + r * 0.12);
            beak.lineTo(x, y + r * 0.5);
            beak.closePath();
            parts.add(new Figure.Part(beak, BEAK, true));
        } else {
            parts.add(new Figure.Part(beak(x, y, r), penguin ? BEAK : ColourMath.mix(BEAK, palette.dark(),
                    anatomy.hookedBeak() ? 0 : 0.45), true));
            AnimalHead.eye(parts, new Point2D.Double(x + r * 0.3, y - r * 0.22), r * 0.24, false,
                    pose.sleepyEyes(), palette, NO_TURN);
        }
        for (Figure.Part mark : Marking.on(marking, new Point2D.Double(x - r * 0.15, y - r * 0.62), r,
                palette.marking())) {
            parts.add(mark);
        }
    }

    private Shape beak(double x, double y, double r) {
        Path2D.Double beak = new Path2D.Double();
        beak.moveTo(x + r * 0.75, y - r * 0.3);
        if (anatomy.hookedBeak()) {
            beak.quadTo(x + r * 1.6, y - r * 0.35, x + r * 1.55, y + r * 0.35);
            beak.quadTo(x + r * 1.3, y + r * 0.05, x + r * 0.8, y + r * 0.22);
        } else {
            beak.lineTo(x + r * (penguin ? 1.9 : 1.7), y + r * 0.02);
            beak.lineTo(x + r * 0.8, y + r * 0.25);
        }
        beak.closePath();
        return beak;
    }

    private static Shape thick(Shape line, double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(line);
    }

    static Shape line(double x1, double y1, double x2, double y2, double width) {
        return thick(new Line2D.Double(x1, y1, x2, y2), width);
    }
}
