package fableforge.image.offline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** The things a world is furnished with: trees, cacti, reeds, houses. Each stands on (x, baseY). */
final class Props {

    private static final Color TRUNK = ColourMath.rgb(0x5a3d28);

    private final Graphics2D g;
    private final Brush brush;

    Props(Graphics2D g, Brush brush) {
        this.g = g;
        this.brush = brush;
    }

    void pine(double x, double baseY, double h, Color colour, Color trunk, boolean snowy) {
        brush.scenery(g, new Rectangle2D.Double(x - h * 0.04, baseY - h * 0.2, h * 0.08, h * 0.2), trunk);
        Area tree = new Area();
        for (int tier = 0; tier < 3; tier++) {
            double top = baseY - h + tier * h * 0.22;
            double half = h * (0.16 + tier * 0.07);
            Path2D.Double t = new Path2D.Double();
            t.moveTo(x, top);
            t.lineTo(x + half, top + h * 0.42);
            t.lineTo(x - half, top + h * 0.42);
            t.closePath();
            tree.add(new Area(t));
        }
        brush.scenery(g, tree, colour);
        if (snowy) {
            Area caps = new Area(tree);
            caps.intersect(new Area(new Rectangle2D.Double(x - h, baseY - h, h * 2, h * 0.16)));
            brush.scenery(g, caps, ColourMath.rgb(0xf4f8fc));
        }
    }

    void roundTree(double x, double baseY, double h, Color colour, Color trunk) {
        brush.scenery(g, new Rectangle2D.Double(x - h * 0.05, baseY - h * 0.5, h * 0.1, h * 0.5), trunk);
        Area crown = new Area(new Ellipse2D.Double(x - h * 0.3, baseY - h, h * 0.6, h * 0.6));
        crown.add(new Area(new Ellipse2D.Double(x - h * 0.42, baseY - h * 0.72, h * 0.45, h * 0.38)));
        crown.add(new Area(new Ellipse2D.Double(x - h * 0.02, baseY - h * 0.75, h * 0.44, h * 0.4)));
        brush.scenery(g, crown, colour);
    }

    void palm(double x, double baseY, double h, Color leaves, int lean) {
        Path2D.Double trunk = new Path2D.Double();
        trunk.moveTo(x - h * 0.04, baseY);
        trunk.quadTo(x + lean * h * 0.05, baseY - h * 0.5, x + lean * h * 0.2, baseY - h);
        trunk.lineTo(x + lean * h * 0.2 + h * 0.04, baseY - h);
        trunk.quadTo(x + lean * h * 0.1, baseY - h * 0.5, x + h * 0.05, baseY);
        trunk.closePath();
        brush.scenery(g, trunk, ColourMath.rgb(0x8a6a44));
        double tx = x + lean * h * 0.2;
        double ty = baseY - h;
        Area crown = new Area();
        for (int i = 0; i < 6; i++) {
            double angle = Math.PI * (0.05 + i * 0.18);
            double ex = tx + Math.cos(angle + Math.PI) * h * 0.45;
            double ey = ty + Math.sin(angle) * -h * 0.12 + h * 0.14;
            Path2D.Double leaf = new Path2D.Double();
            leaf.moveTo(tx, ty);
            leaf.quadTo((tx + ex) / 2, ty - h * 0.14, ex, ey);
            leaf.quadTo((tx + ex) / 2, ty - h * 0.02, tx, ty + h * 0.03);
            leaf.closePath();
            crown.add(new Area(leaf));
        }
        brush.scenery(g, crown, leaves);
    }

    void cactus(double x, double baseY, double h, Color colour) {
        double w = h * 0.16;
        Area cactus = new Area(new RoundRectangle2D.Double(x - w / 2, baseY - h, w, h, w, w));
        cactus.add(new Area(new RoundRectangle2D.Double(x - w * 2, baseY - h * 0.7, w * 0.8, h * 0.35, w * 0.8, w * 0.8)));
        cactus.add(new Area(new Rectangle2D.Double(x - w * 2, baseY - h * 0.42, w * 2, w * 0.7)));
        cactus.add(new Area(new RoundRectangle2D.Double(x + w * 1.2, baseY - h * 0.8, w * 0.8, h * 0.4, w * 0.8, w * 0.8)));
        cactus.add(new Area(new Rectangle2D.Double(x, baseY - h * 0.48, w * 2, w * 0.7)));
        brush.scenery(g, cactus, colour);
    }

    void acacia(double x, double baseY, double h, Color colour, Color trunk) {
        Path2D.Double stem = new Path2D.Double();
        stem.moveTo(x - h * 0.03, baseY);
        stem.lineTo(x - h * 0.02, baseY - h * 0.55);
        stem.lineTo(x - h * 0.25, baseY - h * 0.8);
        stem.lineTo(x - h * 0.2, baseY - h * 0.82);
        stem.lineTo(x + h * 0.02, baseY - h * 0.62);
        stem.lineTo(x + h * 0.25, baseY - h * 0.82);
        stem.lineTo(x + h * 0.3, baseY - h * 0.8);
        stem.lineTo(x + h * 0.04, baseY - h * 0.5);
        stem.lineTo(x + h * 0.04, baseY);
        stem.closePath();
        brush.scenery(g, stem, trunk);
        brush.scenery(g, new Ellipse2D.Double(x - h * 0.6, baseY - h * 0.98, h * 1.2, h * 0.25), colour);
    }

    void reeds(double x, double baseY, double h, Color colour) {
        for (int i = 0; i < 5; i++) {
            double rx = x + (i - 2) * h * 0.07;
            double top = baseY - h * (0.7 + 0.3 * ((i * 7) % 3) / 2.0);
            brush.scenery(g, new Rectangle2D.Double(rx, top, h * 0.025, baseY - top), colour);
            if (i % 2 == 0) {
                brush.scenery(g, new RoundRectangle2D.Double(rx - h * 0.02, top, h * 0.065, h * 0.16, h * 0.06, h * 0.06),
                        ColourMath.rgb(0x5a3a22));
            }
        }
    }

    void cypress(double x, double baseY, double h, Color colour, Color moss) {
        Path2D.Double trunk = new Path2D.Double();
        trunk.moveTo(x - h * 0.12, baseY);
        trunk.quadTo(x - h * 0.03, baseY - h * 0.3, x - h * 0.03, baseY - h * 0.8);
        trunk.lineTo(x + h * 0.03, baseY - h * 0.8);
        trunk.quadTo(x + h * 0.03, baseY - h * 0.3, x + h * 0.12, baseY);
        trunk.closePath();
        brush.scenery(g, trunk, ColourMath.darker(TRUNK, 0.2));
        brush.scenery(g, new Ellipse2D.Double(x - h * 0.3, baseY - h, h * 0.6, h * 0.32), colour);
        for (int i = 0; i < 4; i++) {
            double mx = x - h * 0.22 + i * h * 0.14;
            brush.scenery(g, new RoundRectangle2D.Double(mx, baseY - h * 0.76, h * 0.04, h * (0.18 + (i % 2) * 0.1),
                    h * 0.04, h * 0.04), moss);
        }
    }

    void building(double x, double baseY, double w, double h, Color wall, Color window, double litShare,
                  long pattern) {
        brush.scenery(g, new Rectangle2D.Double(x, baseY - h, w, h), wall);
        double cell = w / 4;
        for (double wy = baseY - h + cell * 0.6; wy < baseY - cell; wy += cell * 1.2) {
            for (int col = 0; col < 3; col++) {
                long bits = pattern ^ (long) (wy * 31 + col * 17);
                boolean lit = Math.floorMod(bits * 0x9E3779B97F4A7C15L >>> 40, 100) < litShare * 100;
                g.setColor(lit ? window : ColourMath.darker(wall, 0.3));
                g.fill(new Rectangle2D.Double(x + cell * (0.5 + col * 1.1), wy, cell * 0.6, cell * 0.7));
            }
        }
    }

    void barn(double x, double baseY, double h, Color red) {
        double w = h * 1.1;
        Path2D.Double barn = new Path2D.Double();
        barn.moveTo(x, baseY);
        barn.lineTo(x, baseY - h * 0.6);
        barn.lineTo(x + w * 0.2, baseY - h * 0.9);
        barn.lineTo(x + w * 0.5, baseY - h);
        barn.lineTo(x + w * 0.8, baseY - h * 0.9);
        barn.lineTo(x + w, baseY - h * 0.6);
        barn.lineTo(x + w, baseY);
        barn.closePath();
        brush.scenery(g, barn, red);
        brush.scenery(g, new Rectangle2D.Double(x + w * 0.35, baseY - h * 0.45, w * 0.3, h * 0.45),
                ColourMath.lighter(red, 0.55));
        brush.scenery(g, new RoundRectangle2D.Double(x + w * 1.05, baseY - h * 1.15, h * 0.3, h * 1.15, h * 0.3,
                h * 0.3), ColourMath.rgb(0xb8b8b0));
    }

    void fence(double fromX, double toX, double baseY, double h, Color wood) {
        Area fence = new Area(new Rectangle2D.Double(fromX, baseY - h * 0.75, toX - fromX, h * 0.12));
        fence.add(new Area(new Rectangle2D.Double(fromX, baseY - h * 0.4, toX - fromX, h * 0.12)));
        for (double px = fromX; px < toX; px += h * 1.1) {
            fence.add(new Area(new Rectangle2D.Double(px, baseY - h, h * 0.14, h)));
        }
        brush.scenery(g, fence, wood);
    }

    /** A big tropical leaf growing from (x, baseY), leaning by the given angle (radians). */
    void frond(double x, double baseY, double h, Color colour, double lean) {
        Path2D.Double leaf = new Path2D.Double();
        leaf.moveTo(x, baseY);
        leaf.quadTo(x - h * 0.32, baseY - h * 0.55, x, baseY - h);
        leaf.quadTo(x + h * 0.32, baseY - h * 0.55, x, baseY);
        leaf.closePath();
        Area shape = new Area(leaf);
        shape.transform(AffineTransform.getRotateInstance(lean, x, baseY));
        brush.scenery(g, shape, colour);
    }

    /** Leaves and hanging vines along the top edge, so the jungle closes in overhead. */
    void canopy(double width, double unit, Color leaves, long pattern) {
        Area canopy = new Area();
        for (int i = 0; i * unit * 0.12 < width + unit * 0.2; i++) {
            double x = i * unit * 0.12;
            double size = unit * (0.16 + ((pattern >>> (i % 48)) & 3) * 0.03);
            canopy.add(new Area(new Ellipse2D.Double(x - size / 2, -size * 0.55, size, size)));
        }
        brush.scenery(g, canopy, leaves);
        for (int i = 0; i < 7; i++) {
            double x = width * (0.08 + i * 0.14) + ((pattern >>> (i * 5)) & 31) * unit * 0.002;
            double length = unit * (0.12 + ((pattern >>> (i * 3)) & 7) * 0.03);
            brush.scenery(g, new RoundRectangle2D.Double(x, 0, unit * 0.008, length, unit * 0.008, unit * 0.008),
                    ColourMath.darker(leaves, 0.1));
            brush.scenery(g, new Ellipse2D.Double(x - unit * 0.015, length - unit * 0.01, unit * 0.035, unit * 0.02),
                    leaves);
        }
    }

    static Color trunk() {
        return TRUNK;
    }
}
