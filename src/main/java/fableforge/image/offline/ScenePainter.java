package fableforge.image.offline;

import fableforge.story.Beat;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Paints the picture inside the panel, back to front: sky, light rays, landscape, rival, aura, hero,
 * artifact, energy, weather. Works in full-size panel pixels; styles that paint small get a scaled
 * Graphics and never notice.
 */
final class ScenePainter {

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

        Figure figure = Cast.figure(spec.anatomy(), shot.pose(), spec.palette(), spec.marking());
        Cast.Placed hero = Cast.place(figure, shot.heroSize(), shot.heroX(), shot.groundY(), shot.facing(), height);
        PowerEffects effects = new PowerEffects(g, unit * 1080);
        shadow(g, hero);
        if (beat == Beat.POWER_DISPLAY || beat == Beat.CHALLENGE) {
            effects.energy(hero, power, frame, beat == Beat.CHALLENGE);
        }
        switch (beat) {
            case TRANSFORMATION -> effects.aura(hero, power, 1.0);
            case POWER_DISPLAY, TRIUMPH -> effects.aura(hero, power, 0.55);
            default -> {
            }
        }
        Cast.paint(g, brush, hero, mood::onHero);
        if (spec.style() == Style.SMOOTH) {
            Cast.rimLight(g, hero, ColourMath.lighter(mood.skyBottom, 0.6), unit);
        }
        artifact(g, brush, hero, beat);
        if (rivalHead != null) {
            effects.beam(hero, power, frame, rivalHead);
        }
        new Weather(g, width, height).paint(mood, spec.terrain(), power, frame);
        return hero.bounds();
    }

    private void artifact(Graphics2D g, Brush brush, Cast.Placed hero, Beat beat) {
        if (beat == Beat.UNDERDOG) {
            return;
        }
        Rectangle2D box = hero.bounds();
        double size = Math.max(box.getWidth(), box.getHeight());
        if (beat == Beat.DISCOVERY) {
            Point2D head = hero.head();
            double side = Math.signum(hero.toScreen().getScaleX());
            Point2D at = new Point2D.Double(head.getX() + side * size * 0.42, head.getY() + size * 0.18);
            Artifact.glow(g, at, size * 0.9, spec.palette().power(), 0.35);
            spec.artifact().paint(g, brush, at, size * 0.16, spec.palette().power());
        } else {
            spec.artifact().paint(g, brush, hero.chest(), size * 0.11, spec.palette().power());
        }
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
