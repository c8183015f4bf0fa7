package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The head of a four-legged hero: skull, snout, ears, eye and the species' headgear (antlers, horn,
 * raccoon mask), plus the marking on the forehead. Built around the head centre and turned as one.
 */
final class AnimalHead {

    private final Anatomy anatomy;
    private final BodyPlan plan;
    private final Pose pose;
    private final HeroPalette palette;
    private final String marking;
    private final double x;
    private final double y;
    private final double r;
    private final AffineTransform turn;

    AnimalHead(Anatomy anatomy, Pose pose, HeroPalette palette, String marking, Point2D centre, double tilt) {
        this.anatomy = anatomy;
        this.plan = anatomy.plan();
        this.pose = pose;
        this.palette = palette;
        this.marking = marking;
        this.x = centre.getX();
        this.y = centre.getY();
        this.r = plan.headRadius;
        this.turn = AffineTransform.getRotateInstance(tilt, x, y);
    }

    /** The ear on the far side, painted before the body so the head overlaps it. */
    void farEar(List<Figure.Part> parts) {
        AffineTransform shift = AffineTransform.getTranslateInstance(r * 0.42, r * 0.05);
        Shape ear = shift.createTransformedShape(earShape(false));
        add(parts, ear, palette.shade(), true);
        if (anatomy.antlers()) {
            add(parts, shift.createTransformedShape(antler()), ColourMath.darker(ColourMath.rgb(0xD9C7A0), 0.15), true);
        }
    }

    void paint(List<Figure.Part> parts) {
        Shape skull = new Ellipse2D.Double(x - r * 1.05, y - r * 0.95, r * 2.1, r * 1.9);
        Shape snout = snout();
        add(parts, skull, palette.primary(), true);
        add(parts, snout, palette.primary(), true);
        add(parts, clip(new Ellipse2D.Double(x - r * 0.1, y + r * 0.05, r * 1.25, r * 0.85), skull),
                palette.secondary(), false);
        add(parts, clip(new Rectangle2D.Double(x, y + r * 0.18, r * 4, r * 2), snout), palette.secondary(), false);
        add(parts, nose(), palette.dark(), false);
        if (anatomy.mask()) {
            add(parts, clip(new Ellipse2D.Double(x - r * 0.5, y - r * 0.55, r * 1.6, r * 0.62), skull),
                    ColourMath.rgb(0x26232a), false);
        }
        eye(parts, new Point2D.Double(x + r * 0.42, y - r * 0.22), r * 0.24, anatomy.plan() == BodyPlan.FELINE,
                pose.sleepyEyes(), palette, turn);
        Shape ear = earShape(true);
        if (Marking.tornEar(marking)) {
            Area torn = new Area(ear);
            torn.subtract(new Area(new Ellipse2D.Double(x - r * 0.75, y - r * 2.0, r * 0.55, r * 0.6)));
            ear = torn;
        }
        add(parts, ear, palette.primary(), true);
        add(parts, innerEar(ear), palette.secondary(), false);
        if (anatomy.antlers()) {
            add(parts, antler(), ColourMath.rgb(0xD9C7A0), true);
        }
        if (anatomy.horn()) {
            Path2D.Double horn = new Path2D.Double();
            horn.moveTo(x + r * 0.05, y - r * 0.75);
            horn.lineTo(x + r * 1.0, y - r * 2.6);
            horn.lineTo(x + r * 0.5, y - r * 0.6);
            horn.closePath();
            add(parts, horn, ColourMath.rgb(0xF1D27A), true);
        }
        for (Figure.Part mark : Marking.on(marking, new Point2D.Double(x + r * 0.05, y - r * 0.55), r,
                palette.marking())) {
            add(parts, mark.shape(), mark.fill(), false);
        }
    }

    /** An eye with iris, pupil and catch-light; shared with the bird and turtle builders. */
    static void eye(List<Figure.Part> parts, Point2D at, double size, boolean slit, boolean sleepy,
                    HeroPalette palette, AffineTransform turn) {
        double ex = at.getX();
        double ey = at.getY();
        Shape iris = new Ellipse2D.Double(ex - size, ey - size * 1.1, size * 2, size * 2.2);
        parts.add(new Figure.Part(turn.createTransformedShape(iris), palette.eye(), true));
        Shape pupil = slit
                ? new Ellipse2D.Double(ex - size * 0.28, ey - size * 0.95, size * 0.56, size * 1.9)
                : new Ellipse2D.Double(ex - size * 0.55 + size * 0.2, ey - size * 0.6, size * 1.1, size * 1.2);
        parts.add(new Figure.Part(turn.createTransformedShape(pupil), new Color(0x15, 0x12, 0x14), false));
        Shape light = new Ellipse2D.Double(ex + size * 0.05, ey - size * 0.7, size * 0.55, size * 0.55);
        parts.add(new Figure.Part(turn.createTransformedShape(light), Color.WHITE, false));
        if (sleepy) {
            Area lid = new Area(iris);
            lid.intersect(new Area(new Rectangle2D.Double(ex - size * 2, ey - size * 2, size * 4, size * 1.9)));
            parts.add(new Figure.Part(turn.createTransformedShape(lid), palette.shade(), false));
        }
    }

    private Shape snout() {
        double length = plan.snoutLength;
        if (plan == BodyPlan.CANINE || plan == BodyPlan.RODENT) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(x + r * 0.1, y - r * 0.5);
            path.quadTo(x + r * 0.9, y - r * 0.4, x + r * 0.95 + length, y + r * 0.12);
            path.quadTo(x + r * 0.95 + length, y + r * 0.42, x + r * 0.75 + length * 0.8, y + r * 0.45);
            path.quadTo(x + r * 0.7, y + r * 0.75, x + r * 0.05, y + r * 0.7);
            path.closePath();
            return path;
        }
        double w = r * 0.9 + length;
        double h = plan == BodyPlan.HOOFED ? r * 0.95 : r * 1.0;
        Shape muzzle = new Ellipse2D.Double(x + r * 0.25, y - r * 0.2, w, h);
        return plan == BodyPlan.HOOFED
                ? AffineTransform.getRotateInstance(0.45, x + r * 0.3, y).createTransformedShape(muzzle) : muzzle;
    }

    private Shape nose() {
        Rectangle2D snout = snout().getBounds2D();
        double size = r * (plan == BodyPlan.BEAR || plan == BodyPlan.CANINE ? 0.32 : 0.22);
        double nx = snout.getMaxX() - size * 0.9;
        double ny = plan == BodyPlan.HOOFED ? snout.getMaxY() - size * 1.6 : snout.getMinY() + snout.getHeight() * 0.28;
        if (plan == BodyPlan.CANINE || plan == BodyPlan.RODENT) {
            ny = y + r * 0.02;
        }
        return new Ellipse2D.Double(nx - size * 0.5, ny - size * 0.45, size * 1.3, size * 0.95);
    }

    private Shape earShape(boolean near) {
        double droop = pose.sleepyEyes() ? 1 : 0;
        return switch (plan.ears) {
            case POINTED -> {
                double length = r * (plan == BodyPlan.CANINE ? 1.25 : plan == BodyPlan.HOOFED ? 0.95 : 0.85);
                Path2D.Double ear = new Path2D.Double();
                ear.moveTo(x - r * 0.8, y - r * 0.45);
                ear.lineTo(x - r * 0.55 - droop * r * 0.5, y - r * 0.85 - length * (1 - droop * 0.45));
                ear.lineTo(x + r * 0.15, y - r * 0.8);
                ear.closePath();
                if (anatomy.earTufts()) {
                    ear.append(new Ellipse2D.Double(x - r * 0.65, y - r * 0.85 - length - r * 0.35, r * 0.2,
                            r * 0.45), false);
                }
                yield ear;
            }
            case ROUND -> {
                double radius = r * (plan == BodyPlan.RODENT ? 0.55 : 0.42);
                yield new Ellipse2D.Double(x - r * 0.4 - radius, y - r * 0.75 - radius, radius * 2, radius * 2);
            }
            case LONG -> {
                Shape ear = new Ellipse2D.Double(x - r * 0.6, y - r * 3.3, r * 0.62, r * 2.8);
                double lean = -0.3 - droop * 0.9;
                yield AffineTransform.getRotateInstance(lean, x - r * 0.3, y - r * 0.6).createTransformedShape(ear);
            }
            case NONE -> new Path2D.Double();
        };
    }

    private Shape innerEar(Shape ear) {
        Rectangle2D box = ear.getBounds2D();
        double cx = box.getCenterX();
        double cy = box.getCenterY() + box.getHeight() * 0.1;
        AffineTransform shrink = new AffineTransform();
        shrink.translate(cx, cy);
        shrink.scale(0.5, 0.6);
        shrink.translate(-cx, -cy);
        return shrink.createTransformedShape(ear);
    }

    private Shape antler() {
        Path2D.Double beam = new Path2D.Double();
        double bx = x - r * 0.15;
        double by = y - r * 0.8;
        beam.moveTo(bx, by);
        beam.lineTo(bx - r * 0.4, by - r * 1.4);
        beam.lineTo(bx - r * 1.1, by - r * 2.3);
        beam.moveTo(bx - r * 0.25, by - r * 0.9);
        beam.lineTo(bx + r * 0.45, by - r * 1.7);
        beam.moveTo(bx - r * 0.62, by - r * 1.75);
        beam.lineTo(bx - r * 0.2, by - r * 2.6);
        beam.moveTo(bx - r * 0.95, by - r * 2.1);
        beam.lineTo(bx - r * 1.6, by - r * 2.4);
        return new BasicStroke((float) (r * 0.2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(beam);
    }

    private static Shape clip(Shape shape, Shape within) {
        Area area = new Area(shape);
        area.intersect(new Area(within));
        return area;
    }

    private void add(List<Figure.Part> parts, Shape shape, Color fill, boolean outlined) {
        parts.add(new Figure.Part(turn.createTransformedShape(shape), fill, outlined));
    }
}
