package fableforge.image.offline;

import fableforge.story.Beat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Paints the picture inside the panel, back to front: sky, light rays, landscape, rival, aura, hero,
 * artifact, energy, weather. Works in full-size panel pixels; styles that paint small get a scaled
 * Graphics and never notice.
 */
final class ScenePainter {

    /** The share of the panel's width kept clear at each side: more than its border, which the camera never shows. */
    private static final double PICTURE_INSET = 0.015;
    /** The widest the hero may be drawn, as a share of the widest frame-shaped window: room for the camera's margin and a little zoom. */
    private static final double WINDOW_SHARE = 0.82;

    /** The alpha from which a glow counts as part of the hero: fainter, it is light on the scene. */
    static final double SEEN_ALPHA = 0.2;
    /** How far from its centre an artifact shows, in artifact sizes: where its glow fades below {@link #SEEN_ALPHA}. */
    private static final double ARTIFACT_SEEN = 1.3;
    /** How far from its centre the found artifact and the glow behind it show, in hero sizes. */
    private static final double FOUND_SEEN = 0.31;

    private final FrameSpec spec;

    ScenePainter(FrameSpec spec) {
        this.spec = spec;
    }

    /** The painted picture and the hero's box in it, in full-size panel pixels. */
    record Painting(BufferedImage picture, Rectangle2D hero) {
    }

    Painting paint(int panelWidth, int panelHeight) {
        Style style = spec.style();
        int w = Math.max(1, panelWidth / style.downscale);
        int h = Math.max(1, panelHeight / style.downscale);
        BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            hints(g, style);
            g.scale(w / (double) panelWidth, h / (double) panelHeight);
            return new Painting(picture, paintLayers(g, panelWidth, panelHeight));
        } finally {
            g.dispose();
        }
    }

    /** Paints every layer; returns the hero's silhouette box, so the video camera can keep it in frame. */
    private Rectangle2D paintLayers(Graphics2D g, double width, double height) {
        SplittableRandom frame = new SplittableRandom(spec.frameSeed());
        Beat beat = spec.beat();
        Mood mood = Mood.of(beat);
        Shot shot = Shot.plan(beat, spec.sceneNumber(), frame, width, height);
        double unit = Math.min(width, height) / 1080.0;
        Brush brush = new Brush(spec.style(), unit);
        Color power = spec.palette().power();

        Sky sky = new Sky(g, brush, mood, shot, width, height);
        sky.paint(frame);
        if (beat == Beat.TRIUMPH) {
            new PowerEffects(g, unit * 1080).rays(sky.lightSource(), width, height);
        }
        new Landscape(g, brush, mood, spec.terrain(), shot, width, height, spec.worldSeed()).paint();
        Point2D rivalHead = beat == Beat.CHALLENGE
                ? Opponent.paint(g, brush, shot, width, height, (spec.worldSeed() & 1) == 0) : null;

        double reach = reach(brush, unit);
        Cast.Placed hero = placeHero(shot, reach, width, height);
        PowerEffects effects = new PowerEffects(g, unit * 1080);
        shadow(g, hero);
        if (beat == Beat.POWER_DISPLAY || beat == Beat.CHALLENGE) {
            effects.energy(hero, power, frame, beat == Beat.CHALLENGE);
        }
        paintHero(g, brush, hero, mood, unit);
        if (rivalHead != null) {
            effects.beam(hero, power, frame, rivalHead);
        }
        new Weather(g, width, height).paint(mood, spec.terrain(), power, frame);
        return drawnBox(hero, reach);
    }

    /**
     * The hero alone on a transparent picture, as {@link #paint} draws it (aura, figure, rim light, artifact),
     * and the box {@link #paint} reports for it: what a test compares the drawn pixels with.
     */
    Painting heroAlone(int panelWidth, int panelHeight) {
        BufferedImage picture = new BufferedImage(panelWidth, panelHeight, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = picture.createGraphics();
        try {
            hints(g, spec.style());
            Shot shot = Shot.plan(spec.beat(), spec.sceneNumber(), new SplittableRandom(spec.frameSeed()), panelWidth, panelHeight);
            double unit = Math.min(panelWidth, panelHeight) / 1080.0;
            Brush brush = new Brush(spec.style(), unit);
            double reach = reach(brush, unit);
            Cast.Placed hero = placeHero(shot, reach, panelWidth, panelHeight);
            paintHero(g, brush, hero, Mood.of(spec.beat()), unit);
            return new Painting(picture, drawnBox(hero, reach));
        } finally {
            g.dispose();
        }
    }

    /**
     * The hero where the shot puts it, kept whole across: inside the picture (the panel less a little for its
     * border) and no wider than most of a frame-shaped window, so the video's camera can hold all of it.
     */
    private Cast.Placed placeHero(Shot shot, double reach, double width, double height) {
        Figure figure = Cast.figure(spec.anatomy(), shot.pose(), spec.palette(), spec.marking());
        Cast.Placed placed = Cast.place(figure, shot.heroSize(), shot.heroX(), shot.groundY(), shot.facing(), height);
        double window = Math.min(width, height * spec.aspectRatio().width() / spec.aspectRatio().height());
        double widest = window * WINDOW_SHARE - 2 * reach;
        // Everything drawn with the hero grows with it about its feet, all but the outline's reach.
        double wide = drawnBox(placed, reach).getWidth() - 2 * reach;
        Cast.Placed fitted = Cast.scaled(placed, Math.min(1, widest / Math.max(1, wide)));
        Rectangle2D box = drawnBox(fitted, reach);
        double inset = width * PICTURE_INSET;
        return Cast.shifted(fitted, Math.max(0, inset - box.getMinX()) - Math.max(0, box.getMaxX() - (width - inset)));
    }

    /**
     * Where the hero's drawing is: its silhouette grown by {@code reach}, the brighter part of its aura's glow
     * and the artifact it carries (glows counted where their alpha reaches {@value #SEEN_ALPHA}).
     */
    private Rectangle2D drawnBox(Cast.Placed hero, double reach) {
        Rectangle2D box = grown(hero.bounds(), reach);
        double aura = auraStrength(spec.beat());
        if (aura > 0) {
            box = box.createUnion(PowerEffects.auraGlowSeen(hero.bounds(), aura, SEEN_ALPHA));
        }
        Optional<Carried> carried = carried(hero, spec.beat());
        return carried.isPresent() ? box.createUnion(carried.get().seen(reach)) : box;
    }

    /** How far the hero's drawing reaches past its silhouette: its outline, and the aura's strokes in the beats that have one. */
    private double reach(Brush brush, double unit) {
        return Math.max(brush.figureOutlineReach(), auraStrength(spec.beat()) > 0 ? PowerEffects.auraReach(unit * 1080) : 0);
    }

    /** How strongly the hero glows with its power: fully while transforming, less once it is its own. */
    private static double auraStrength(Beat beat) {
        return switch (beat) {
            case TRANSFORMATION -> 1.0;
            case POWER_DISPLAY, TRIUMPH -> 0.55;
            default -> 0;
        };
    }

    private void paintHero(Graphics2D g, Brush brush, Cast.Placed hero, Mood mood, double unit) {
        Color power = spec.palette().power();
        PowerEffects effects = new PowerEffects(g, unit * 1080);
        double aura = auraStrength(spec.beat());
        if (aura > 0) {
            effects.aura(hero, power, aura);
        }
        Cast.paint(g, brush, hero, mood::onHero);
        if (spec.style() == Style.SMOOTH) {
            Cast.rimLight(g, hero, ColourMath.lighter(mood.skyBottom, 0.6), unit);
        }
        artifact(g, brush, hero, spec.beat());
    }

    private static Rectangle2D grown(Rectangle2D box, double reach) {
        return new Rectangle2D.Double(box.getX() - reach, box.getY() - reach, box.getWidth() + 2 * reach, box.getHeight() + 2 * reach);
    }

    private void artifact(Graphics2D g, Brush brush, Cast.Placed hero, Beat beat) {
        Optional<Carried> carried = carried(hero, beat);
        if (carried.isEmpty()) {
            return;
        }
        if (carried.get().found()) {
            Artifact.glow(g, carried.get().at(), carried.get().heroSize() * 0.9, spec.palette().power(), 0.35);
        }
        spec.artifact().paint(g, brush, carried.get().at(), carried.get().size(), spec.palette().power());
    }

    /** Where the artifact is drawn with the hero and how big: found beside its head, then worn on its chest. */
    private record Carried(Point2D at, double size, double heroSize, boolean found) {

        /**
         * The square the artifact shows in: its shape and the brighter part of its glow (alpha from
         * {@link #SEEN_ALPHA}: about 1.28 times its size for the worn one; the found one's own glow and the wider
         * one behind it add up to about 0.3 of the hero's size).
         */
        Rectangle2D seen(double reach) {
            double half = (found ? heroSize * FOUND_SEEN : size * ARTIFACT_SEEN) + reach;
            return new Rectangle2D.Double(at.getX() - half, at.getY() - half, 2 * half, 2 * half);
        }
    }

    private static Optional<Carried> carried(Cast.Placed hero, Beat beat) {
        if (beat == Beat.UNDERDOG) {
            return Optional.empty();
        }
        Rectangle2D box = hero.bounds();
        double size = Math.max(box.getWidth(), box.getHeight());
        if (beat == Beat.DISCOVERY) {
            Point2D head = hero.head();
            double side = Math.signum(hero.toScreen().getScaleX());
            return Optional.of(new Carried(new Point2D.Double(head.getX() + side * size * 0.42, head.getY() + size * 0.18), size * 0.16, size, true));
        }
        return Optional.of(new Carried(hero.chest(), size * 0.11, size, false));
    }

    private static void shadow(Graphics2D g, Cast.Placed hero) {
        Rectangle2D box = hero.bounds();
        g.setColor(new Color(0, 0, 0, 60));
        g.fill(new Ellipse2D.Double(box.getX() + box.getWidth() * 0.05, box.getMaxY() - box.getHeight() * 0.05,
                box.getWidth() * 0.9, box.getHeight() * 0.1));
    }

    private static void hints(Graphics2D g, Style style) {
        Object aa = style.antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
    }
}
