package fableforge.image.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** The hero's power made visible: an aura while transforming, crackling energy, triumphant light rays. */
final class PowerEffects {

    /** The aura's widest stroke around the silhouette, as a share of the 1080-pixel unit. */
    private static final float AURA_WIDEST = 0.07f;
    /** The aura's glow: its radius as a share of the hero's larger side, and its alpha at the centre at full strength. */
    private static final double GLOW_RADIUS = 0.95;
    private static final double GLOW = 0.55;

    private final Graphics2D g;
    private final double unit;

    PowerEffects(Graphics2D g, double unit) {
        this.g = g;
        this.unit = unit;
    }

    /** How far the aura's strokes reach beyond the silhouette, in pixels, for a unit of {@code unit}. */
    static double auraReach(double unit) {
        return AURA_WIDEST * unit / 2;
    }

    /**
     * The square around the hero's box centre where its aura's glow shows (alpha from {@code alpha}): the glow
     * fades from 0.55 × strength at the centre to 0.4 of that at 0.3 of its radius, then to nothing at the radius.
     */
    static Rectangle2D auraGlowSeen(Rectangle2D box, double strength, double alpha) {
        double centre = GLOW * strength;
        double inner = centre * 0.4;
        double radius = Math.max(box.getWidth(), box.getHeight()) * GLOW_RADIUS;
        double t = centre <= alpha ? 0 : inner >= alpha ? 0.3 + 0.7 * (inner - alpha) / inner : 0.3 * (centre - alpha) / (centre - inner);
        double half = t * radius;
        return new Rectangle2D.Double(box.getCenterX() - half, box.getCenterY() - half, 2 * half, 2 * half);
    }

    /** A halo hugging the silhouette, painted behind the hero. */
    void aura(Cast.Placed hero, Color power, double strength) {
        Rectangle2D box = hero.bounds();
        Point2D centre = new Point2D.Double(box.getCenterX(), box.getCenterY());
        Artifact.glow(g, centre, Math.max(box.getWidth(), box.getHeight()) * GLOW_RADIUS, power, GLOW * strength);
        Area silhouette = hero.silhouette();
        float[] widths = {AURA_WIDEST, 0.045f, 0.022f};
        double[] alphas = {0.18, 0.3, 0.6};
        for (int i = 0; i < widths.length; i++) {
            g.setStroke(new BasicStroke((float) (widths[i] * unit), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(ColourMath.alpha(ColourMath.lighter(power, 0.2 * i), alphas[i] * strength));
            g.draw(silhouette);
        }
    }

    /** Jagged bolts leaping out from the hero, painted behind it so the hero stays readable. */
    void energy(Cast.Placed hero, Color power, SplittableRandom frame, boolean challenge) {
        Rectangle2D box = hero.bounds();
        Point2D centre = new Point2D.Double(box.getCenterX(), box.getCenterY());
        double reach = Math.max(box.getWidth(), box.getHeight()) * 0.8;
        int bolts = challenge ? 4 : 9;
        for (int i = 0; i < bolts; i++) {
            double angle = frame.nextDouble() * Math.PI * 2;
            Point2D end = new Point2D.Double(centre.getX() + Math.cos(angle) * reach,
                    centre.getY() + Math.sin(angle) * reach * 0.8);
            bolt(centre, end, power, frame);
        }
        g.setStroke(new BasicStroke((float) (unit * 0.008)));
        g.setColor(ColourMath.alpha(ColourMath.lighter(power, 0.3), 0.7));
        double ring = box.getWidth() * 1.1;
        g.draw(new Ellipse2D.Double(centre.getX() - ring / 2, box.getMaxY() - ring * 0.08, ring, ring * 0.16));
    }

    /** The hero's power reaching for the rival, painted in front of everything. */
    void beam(Cast.Placed hero, Color power, SplittableRandom frame, Point2D target) {
        bolt(hero.head(), target, power, frame);
        bolt(hero.chest(), target, power, frame);
    }

    private void bolt(Point2D from, Point2D to, Color power, SplittableRandom frame) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(from.getX(), from.getY());
        int steps = 7;
        double jitter = from.distance(to) * 0.12;
        for (int s = 1; s < steps; s++) {
            double t = s / (double) steps;
            path.lineTo(from.getX() + (to.getX() - from.getX()) * t + (frame.nextDouble() - 0.5) * jitter,
                    from.getY() + (to.getY() - from.getY()) * t + (frame.nextDouble() - 0.5) * jitter);
        }
        path.lineTo(to.getX(), to.getY());
        g.setStroke(new BasicStroke((float) (unit * 0.022), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(ColourMath.alpha(power, 0.35));
        g.draw(path);
        g.setStroke(new BasicStroke((float) (unit * 0.007), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(ColourMath.lighter(power, 0.6));
        g.draw(path);
    }

    /** Wedges of light fanning out from the rising sun. */
    void rays(Point2D source, double width, double height) {
        double reach = Math.hypot(width, height);
        for (int i = 0; i < 14; i++) {
            double angle = Math.PI + i * Math.PI / 13.0;
            double spread = 0.05;
            Path2D.Double ray = new Path2D.Double();
            ray.moveTo(source.getX(), source.getY());
            ray.lineTo(source.getX() + Math.cos(angle - spread) * reach, source.getY() + Math.sin(angle - spread) * reach);
            ray.lineTo(source.getX() + Math.cos(angle + spread) * reach, source.getY() + Math.sin(angle + spread) * reach);
            ray.closePath();
            g.setColor(ColourMath.alpha(ColourMath.rgb(0xfff6d8), i % 2 == 0 ? 0.28 : 0.16));
            g.fill(ray);
        }
    }
}
