package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/** Builds a side-on four-legged hero (fox, cat, bear, deer...) from its body plan, anatomy and pose. */
final class FourLeggedFigure {

    private final Anatomy anatomy;
    private final BodyPlan plan;
    private final Pose pose;
    private final HeroPalette palette;
    private final String marking;
    private final List<Figure.Part> parts = new ArrayList<>();

    private final double length;
    private final double height;
    private final double bodyY;
    private final AffineTransform bodyTurn;

    FourLeggedFigure(Anatomy anatomy, Pose pose, HeroPalette palette, String marking) {
        this.anatomy = anatomy;
        this.plan = anatomy.plan();
        this.pose = pose;
        this.palette = palette;
        this.marking = marking;
        this.length = plan.bodyLength;
        this.height = plan.bodyHeight;
        this.bodyY = -(plan.legLength * (1 - 0.5 * pose.crouch()) + height * 0.45);
        this.bodyTurn = AffineTransform.getRotateInstance(-0.32 * pose.rear(), 0, bodyY);
    }

    Figure build() {
        Point2D neckBase = onBody(length * 0.36, -height * 0.18);
        Point2D headCentre = headCentre(neckBase);
        AnimalHead head = new AnimalHead(anatomy, pose, palette, marking, headCentre,
                0.42 * Math.max(0, pose.headDrop()) - 0.12 * pose.rear());
        legs(false);
        tail();
        head.farEar(parts);
        if (anatomy.mane() && plan != BodyPlan.HOOFED) {
            parts.add(new Figure.Part(Marking.star(headCentre.getX() - plan.headRadius * 0.35, headCentre.getY(),
                    plan.headRadius * 1.75, plan.headRadius * 1.35, 13), ColourMath.darker(palette.primary(), 0.35), true));
        }
        neck(neckBase, headCentre);
        Area body = body();
        parts.add(new Figure.Part(body, palette.primary(), true));
        bodyDetails(body);
        legs(true);
        head.paint(parts);
        return new Figure(List.copyOf(parts), onBody(length * 0.5, height * 0.05), headCentre);
    }

    private Point2D headCentre(Point2D neckBase) {
        double r = plan.headRadius;
        double rise = plan == BodyPlan.HOOFED ? r * 2.3 : plan == BodyPlan.RABBIT ? r * 0.7 : r * 0.95;
        double drop = pose.headDrop() * (height * 0.55 + r * 0.5);
        return new Point2D.Double(neckBase.getX() + r * 0.85 + Math.max(0, pose.headDrop()) * r * 0.3,
                neckBase.getY() - rise + drop);
    }

    private Point2D onBody(double dx, double dy) {
        return bodyTurn.transform(new Point2D.Double(dx, bodyY + dy), null);
    }

    private Area body() {
        Area body = new Area(new Ellipse2D.Double(-length / 2, bodyY - height / 2, length, height));
        double haunch = plan == BodyPlan.RABBIT ? 0.6 : 0.36;
        body.add(new Area(new Ellipse2D.Double(-length * 0.5, bodyY - height * 0.42, length * haunch,
                height * (plan == BodyPlan.RABBIT ? 1.0 : 0.92))));
        body.add(new Area(new Ellipse2D.Double(length * 0.12, bodyY - height * 0.55, length * 0.4, height * 1.0)));
        return body.createTransformedArea(bodyTurn);
    }

    private void bodyDetails(Area body) {
        Area belly = new Area(bodyTurn.createTransformedShape(
                new Ellipse2D.Double(-length * 0.2, bodyY + height * 0.12, length * 0.78, height * 0.7)));
        belly.intersect(body);
        parts.add(new Figure.Part(belly, palette.secondary(), false));
        Color ink = ColourMath.rgb(0x221a16);
        if (anatomy.stripes()) {
            for (int i = 0; i < 7; i++) {
                double sx = -length * 0.4 + i * length * 0.12;
                Shape stripe = thick(new QuadCurve2D.Double(sx, bodyY - height * 0.55, sx + length * 0.07,
                        bodyY - height * 0.1, sx - length * 0.01, bodyY + height * 0.22), height * 0.09);
                parts.add(new Figure.Part(clipped(bodyTurn.createTransformedShape(stripe), body), ink, false));
            }
        }
        if (anatomy.spots()) {
            for (int i = 0; i < 14; i++) {
                double sx = -length * 0.42 + (i % 7) * length * 0.13 + (i / 7) * length * 0.06;
                double sy = bodyY - height * 0.3 + (i / 7) * height * 0.3 + ((i * 37) % 5) * 1.5;
                double size = height * (0.1 + ((i * 13) % 4) * 0.02);
                Shape spot = bodyTurn.createTransformedShape(new Ellipse2D.Double(sx, sy, size * 1.3, size));
                parts.add(new Figure.Part(clipped(spot, body), ColourMath.darker(palette.primary(), 0.6), false));
            }
        }
    }

    private void neck(Point2D base, Point2D head) {
        double width = plan.headRadius * (plan == BodyPlan.HOOFED ? 1.25 : 1.5);
        Shape neck = thick(new Line2D.Double(base.getX() - width * 0.3, base.getY() + width * 0.3,
                head.getX(), head.getY()), width);
        parts.add(new Figure.Part(neck, palette.primary(), true));
        if (anatomy.mane() && plan == BodyPlan.HOOFED) {
            Shape mane = thick(new Line2D.Double(base.getX() - width * 0.5, base.getY() - width * 0.25,
                    head.getX() - width * 0.4, head.getY() - width * 0.35), width * 0.45);
            parts.add(new Figure.Part(mane, ColourMath.darker(palette.primary(), 0.55), true));
        }
    }

    private void legs(boolean near) {
        Color colour = near ? palette.primary() : palette.shade();
        double swing = 0.5 * pose.stride();
        double lift = 0.9 * pose.rear();
        double nearShift = near ? 0 : length * 0.08;
        leg(onBody(length * 0.3 + nearShift, height * 0.12), near ? -swing - lift : swing * 0.8 - lift * 0.7, colour,
                pose.rear() > 0.2);
        leg(onBody(-length * 0.3 + nearShift, height * 0.12), near ? swing : -swing * 0.8, colour, false);
    }

    private void leg(Point2D hip, double angle, Color colour, boolean raised) {
        double w = plan.legWidth;
        double reach = -hip.getY() / Math.max(0.5, Math.cos(angle));
        double legLength = raised ? reach * 0.7 : reach;
        Area leg = new Area(new RoundRectangle2D.Double(hip.getX() - w / 2, hip.getY() - w, w, legLength + w, w, w));
        Shape paw = plan == BodyPlan.HOOFED
                ? new Rectangle2D.Double(hip.getX() - w * 0.6, hip.getY() + legLength - w * 0.9, w * 1.2, w * 0.9)
                : new Ellipse2D.Double(hip.getX() - w * 0.55, hip.getY() + legLength - w * 0.55, w * 1.6, w * 0.75);
        leg.add(new Area(paw));
        AffineTransform swing = AffineTransform.getRotateInstance(angle, hip.getX(), hip.getY());
        parts.add(new Figure.Part(leg.createTransformedArea(swing), colour, true));
        if (plan == BodyPlan.HOOFED) {
            parts.add(new Figure.Part(swing.createTransformedShape(paw), palette.dark(), false));
        }
    }

    private void tail() {
        Point2D root = onBody(-length * 0.46, -height * 0.12);
        double lift = pose.tailLift();
        double rx = root.getX();
        double ry = root.getY();
        switch (plan.tail) {
            case BUSHY, RINGED -> {
                double tailLength = length * (anatomy.curledTail() ? 0.85 : 0.68);
                double angle = anatomy.curledTail() ? 1.25 : -0.5 + lift * 0.85;
                Shape tail = AffineTransform.getRotateInstance(angle, rx, ry).createTransformedShape(
                        new Ellipse2D.Double(rx - tailLength, ry - height * 0.26, tailLength * 1.08, height * 0.52));
                parts.add(new Figure.Part(tail, palette.primary(), true));
                Point2D tip = AffineTransform.getRotateInstance(angle, rx, ry)
                        .transform(new Point2D.Double(rx - tailLength * 0.95, ry), null);
                if (anatomy.tailTip()) {
                    parts.add(new Figure.Part(clipped(circle(tip, tailLength * 0.26), tail), palette.secondary(), false));
                }
                if (plan.tail == BodyPlan.Tail.RINGED) {
                    for (int i = 1; i <= 3; i++) {
                        Point2D at = AffineTransform.getRotateInstance(angle, rx, ry)
                                .transform(new Point2D.Double(rx - tailLength * (0.2 + i * 0.22), ry), null);
                        parts.add(new Figure.Part(clipped(circle(at, tailLength * 0.07), tail),
                                ColourMath.rgb(0x26232a), false));
                    }
                }
            }
            case LONG -> {
                double reach = length * (plan == BodyPlan.RODENT ? 0.8 : 0.7);
                CubicCurve2D curve = new CubicCurve2D.Double(rx, ry, rx - reach * 0.45, ry + height * 0.5,
                        rx - reach * 0.8, ry - height * 0.9 * lift, rx - reach, ry - height * (0.2 + 0.9 * lift));
                double width = plan == BodyPlan.RODENT ? plan.legWidth * 0.5 : plan.legWidth * 0.85;
                parts.add(new Figure.Part(thick(curve, width), palette.primary(), true));
            }
            case STUB -> parts.add(new Figure.Part(circle(root, height * 0.16), palette.primary(), true));
            case PUFF -> parts.add(new Figure.Part(circle(root, height * 0.24), palette.secondary(), true));
            case SHORT -> {
                double drop = anatomy.mane() ? height * 1.3 : height * 0.6;
                Shape tail = thick(new QuadCurve2D.Double(rx, ry, rx - length * 0.15, ry + drop * 0.3,
                        rx - length * 0.12, ry + drop), anatomy.mane() ? 9 : 7);
                parts.add(new Figure.Part(tail, anatomy.mane() ? ColourMath.darker(palette.primary(), 0.55)
                        : palette.primary(), true));
            }
            case NONE -> {
            }
        }
    }

    private static Shape circle(Point2D at, double radius) {
        return new Ellipse2D.Double(at.getX() - radius, at.getY() - radius, radius * 2, radius * 2);
    }

    private static Shape thick(Shape line, double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(line);
    }

    private static Area clipped(Shape shape, Shape within) {
        Area area = new Area(shape);
        area.intersect(new Area(within));
        return area;
    }
}
