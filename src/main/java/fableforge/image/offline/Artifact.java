package fableforge.image.offline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Locale;

/** The hero's magic object, drawn from the artifact's free text as a glowing gem, sword, feather, orb... */
final class Artifact {

    private enum Kind { GEM, SWORD, FEATHER, ORB, BOOK, KEY, CROWN, WAND }

    private final Kind kind;

    Artifact(String description) {
        this.kind = kindOf(description == null ? "" : description.toLowerCase(Locale.ROOT));
    }

    private static Kind kindOf(String text) {
        if (has(text, "amulet", "stone", "moonstone", "gem", "crystal", "jewel", "pendant", "necklace", "ring",
                "shard", "emerald", "ruby", "sapphire", "diamond")) {
            return Kind.GEM;
        }
        if (has(text, "sword", "blade", "dagger", "spear", "axe")) {
            return Kind.SWORD;
        }
        if (has(text, "feather", "quill", "wing")) {
            return Kind.FEATHER;
        }
        if (has(text, "book", "scroll", "map", "tome")) {
            return Kind.BOOK;
        }
        if (has(text, "key")) {
            return Kind.KEY;
        }
        if (has(text, "crown", "tiara", "circlet")) {
            return Kind.CROWN;
        }
        if (has(text, "staff", "wand", "stick", "rod", "scepter", "sceptre")) {
            return Kind.WAND;
        }
        if (has(text, "orb", "ball", "pearl", "sphere", "egg", "lantern", "moon", "sun")) {
            return Kind.ORB;
        }
        return Kind.GEM;
    }

    /** A soft glow with the object at its heart; size is the object's height in pixels. */
    void paint(Graphics2D g, Brush brush, Point2D at, double size, Color power) {
        glow(g, at, size * 2.4, ColourMath.lighter(power, 0.3), 0.75);
        Color body = ColourMath.lighter(power, 0.45);
        brush.figure(g, shape(at.getX(), at.getY(), size), body, true);
        g.setColor(ColourMath.alpha(Color.WHITE, 0.85));
        g.fill(Marking.star(at.getX() - size * 0.12, at.getY() - size * 0.15, size * 0.22, size * 0.05, 4));
    }

    static void glow(Graphics2D g, Point2D at, double radius, Color colour, double strength) {
        if (radius < 1) {
            return;
        }
        g.setPaint(new RadialGradientPaint(at, (float) radius, new float[] {0f, 0.3f, 1f}, new Color[] {
                ColourMath.alpha(colour, strength), ColourMath.alpha(colour, strength * 0.4),
                ColourMath.alpha(colour, 0)}));
        g.fill(new Ellipse2D.Double(at.getX() - radius, at.getY() - radius, radius * 2, radius * 2));
    }

    private Shape shape(double x, double y, double s) {
        return switch (kind) {
            case GEM -> {
                Path2D.Double gem = new Path2D.Double();
                gem.moveTo(x, y - s * 0.5);
                gem.lineTo(x + s * 0.35, y - s * 0.15);
                gem.lineTo(x, y + s * 0.5);
                gem.lineTo(x - s * 0.35, y - s * 0.15);
                gem.closePath();
                yield gem;
            }
            case SWORD -> {
                Area sword = new Area(new Rectangle2D.Double(x - s * 0.06, y - s * 0.6, s * 0.12, s * 0.8));
                sword.add(new Area(new Rectangle2D.Double(x - s * 0.25, y + s * 0.18, s * 0.5, s * 0.08)));
                sword.add(new Area(new Rectangle2D.Double(x - s * 0.05, y + s * 0.26, s * 0.1, s * 0.26)));
                yield sword;
            }
            case FEATHER -> {
                Path2D.Double feather = new Path2D.Double();
                feather.moveTo(x, y + s * 0.55);
                feather.quadTo(x - s * 0.4, y, x + s * 0.1, y - s * 0.55);
                feather.quadTo(x + s * 0.35, y, x, y + s * 0.55);
                feather.closePath();
                yield feather;
            }
            case BOOK -> new RoundRectangle2D.Double(x - s * 0.4, y - s * 0.3, s * 0.8, s * 0.6, s * 0.1, s * 0.1);
            case KEY -> {
                Area key = new Area(new Ellipse2D.Double(x - s * 0.2, y - s * 0.55, s * 0.4, s * 0.4));
                key.subtract(new Area(new Ellipse2D.Double(x - s * 0.08, y - s * 0.43, s * 0.16, s * 0.16)));
                key.add(new Area(new Rectangle2D.Double(x - s * 0.05, y - s * 0.18, s * 0.1, s * 0.7)));
                key.add(new Area(new Rectangle2D.Double(x, y + s * 0.3, s * 0.2, s * 0.08)));
                yield key;
            }
            case CROWN -> {
                Path2D.Double crown = new Path2D.Double();
                crown.moveTo(x - s * 0.45, y + s * 0.3);
                crown.lineTo(x - s * 0.45, y - s * 0.3);
                crown.lineTo(x - s * 0.22, y);
                crown.lineTo(x, y - s * 0.4);
                crown.lineTo(x + s * 0.22, y);
                crown.lineTo(x + s * 0.45, y - s * 0.3);
                crown.lineTo(x + s * 0.45, y + s * 0.3);
                crown.closePath();
                yield crown;
            }
            case WAND -> {
                Area wand = new Area(new Rectangle2D.Double(x - s * 0.04, y - s * 0.3, s * 0.08, s * 0.85));
                wand.add(new Area(Marking.star(x, y - s * 0.38, s * 0.25, s * 0.1, 5)));
                yield wand;
            }
            case ORB -> new Ellipse2D.Double(x - s * 0.35, y - s * 0.35, s * 0.7, s * 0.7);
        };
    }

    /** Words match at a word start, so "glowing" does not count as a "wing". */
    private static boolean has(String text, String... words) {
        for (String word : words) {
            int at = text.indexOf(word);
            while (at >= 0) {
                if (at == 0 || !Character.isLetter(text.charAt(at - 1))) {
                    return true;
                }
                at = text.indexOf(word, at + 1);
            }
        }
        return false;
    }
}
