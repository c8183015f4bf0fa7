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
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/** Builds a turtle or tortoise: a domed shell in the hero's colour, head and stubby legs in skin tone. */
final class ShellFigure {

    private final Pose pose;
    private final HeroPalette palette;
    private final String marking;
    private final List<Figure.Part> parts = new ArrayList<>();

    ShellFigure(Pose pose, HeroPalette palette, String marking) {
        this.pose = pose;
        this.palette = palette;
        this.marking = marking;
    }

    Figure build() {
        Color skin = ColourMath.mix(palette.secondary(), palette.primary(), 0.35);
        double lift = 14 * (1 - 0.6 * pose.crouch());
        double stride = pose.stride() * 10;
        for (double x : new double[] {-30 + stride, 26 - stride}) {
            parts.add(new Figure.Part(new RoundRectangle2D.Double(x, -lift - 8, 16, lift + 8, 10, 10),
                    ColourMath.darker(skin, 0.2), true));
        }
        Point2D head = new Point2D.Double(70, -lift - 26 + pose.headDrop() * 16 - pose.rear() * 10);
        parts.add(new Figure.Part(new BasicStroke(17, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(new Line2D.Double(36, -lift - 12, head.getX(), head.getY())), skin, true));
        Path2D.Double tail = new Path2D.Double();
        tail.moveTo(-44, -lift - 10);
        tail.lineTo(-62, -lift - 2);
        tail.lineTo(-44, -lift - 2);
        tail.closePath();
        parts.add(new Figure.Part(tail, skin, true));
        Area shell = new Area(new Ellipse2D.Double(-52, -lift - 62, 104, 100));
        shell.intersect(new Area(new Rectangle2D.Double(-60, -lift - 70, 120, 62)));
        parts.add(new Figure.Part(shell, palette.primary(), true));
        scutes(shell, lift);
        parts.add(new Figure.Part(new RoundRectangle2D.Double(-54, -lift - 12, 108, 10, 8, 8),
                palette.secondary(), true));
        for (double x : new double[] {-40 - stride, 34 + stride}) {
            parts.add(new Figure.Part(new RoundRectangle2D.Double(x, -lift - 6, 17, lift + 6, 10, 10), skin, true));
        }
        parts.add(new Figure.Part(new Ellipse2D.Double(head.getX() - 15, head.getY() - 13, 32, 26), skin, true));
        AnimalHead.eye(parts, new Point2D.Double(head.getX() + 6, head.getY() - 4), 4.5, false, pose.sleepyEyes(),
                palette, new AffineTransform());
        for (Figure.Part mark : Marking.on(marking, new Point2D.Double(head.getX() - 2, head.getY() - 8), 14,
                palette.marking())) {
            parts.add(mark);
        }
        return new Figure(List.copyOf(parts), new Point2D.Double(44, -lift - 20), head);
    }

    private void scutes(Area shell, double lift) {
        Path2D.Double lines = new Path2D.Double();
        double top = -lift - 58;
        lines.moveTo(-18, top + 8);
        lines.lineTo(18, top + 8);
        lines.lineTo(26, top + 30);
        lines.lineTo(-26, top + 30);
        lines.closePath();
        lines.moveTo(-18, top + 8);
        lines.lineTo(-40, top + 28);
        lines.moveTo(18, top + 8);
        lines.lineTo(40, top + 28);
        lines.moveTo(-26, top + 30);
        lines.lineTo(-22, top + 48);
        lines.moveTo(26, top + 30);
        lines.lineTo(22, top + 48);
        lines.moveTo(0, top + 30);
        lines.lineTo(0, top + 48);
        Area pattern = new Area(new BasicStroke(3.5f).createStrokedShape(lines));
        pattern.intersect(shell);
        Shape drawn = pattern;
        parts.add(new Figure.Part(drawn, ColourMath.darker(palette.primary(), 0.4), false));
    }
}
