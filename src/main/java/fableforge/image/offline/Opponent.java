package fableforge.image.offline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;

/** The looming rival of the challenge scenes: a huge shadow beast with burning eyes, facing the hero. */
final class Opponent {

    private static final HeroPalette SHADOW = new HeroPalette(ColourMath.rgb(0x1c0d12), ColourMath.rgb(0x140a0e),
            ColourMath.rgb(0x2b1318), ColourMath.rgb(0xff3b1f), ColourMath.rgb(0x0a0506), ColourMath.rgb(0x2b1318),
            ColourMath.rgb(0xff3b1f));

    private Opponent() {
    }

    /** Paints the rival and returns where its head is, so the hero's energy can reach for it. */
    static Point2D paint(Graphics2D g, Brush brush, Shot shot, double width, double height, boolean bear) {
        Anatomy anatomy = Anatomy.of(bear ? "bear" : "wolf");
        Pose pose = new Pose(0.25, 0.25, 0.3, 0.15, 0.4, false, false);
        Figure figure = Cast.figure(anatomy, pose, SHADOW, "scar");
        double size = Math.min(width, height) * 1.05;
        double x = width * (0.5 + shot.facing() * 0.48);
        Cast.Placed rival = Cast.place(figure, size, x, shot.groundY() - height * 0.04, -shot.facing(), height);
        Artifact.glow(g, rival.head(), size * 0.5, ColourMath.rgb(0xff2a10), 0.35);
        Cast.paint(g, brush, rival, colour -> colour);
        Artifact.glow(g, rival.head(), size * 0.09, ColourMath.rgb(0xff5a20), 0.8);
        return rival.head();
    }

    static Color menace() {
        return SHADOW.eye();
    }
}
