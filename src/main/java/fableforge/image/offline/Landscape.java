package fableforge.image.offline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * Paints the setting in three depths (far ridge, middle layer with props, near ground). Every shape is
 * placed from the story's world seed, in world coordinates, and seen through the shot's pan, so the 20
 * frames show one place from different spots.
 */
final class Landscape {

    private final Graphics2D g;
    private final Brush brush;
    private final Props props;
    private final Mood mood;
    private final Terrain terrain;
    private final Shot shot;
    private final double width;
    private final double height;
    private final SplittableRandom world;

    Landscape(Graphics2D g, Brush brush, Mood mood, Terrain terrain, Shot shot, double width, double height,
              long worldSeed) {
        this.g = g;
        this.brush = brush;
        this.props = new Props(g, brush);
        this.mood = mood;
        this.terrain = terrain;
        this.shot = shot;
        this.width = width;
        this.height = height;
        this.world = new SplittableRandom(worldSeed);
    }

    void paint() {
        double horizon = shot.horizonY();
        double unit = Math.min(width, height);
        boolean jagged = terrain == Terrain.SNOW || terrain == Terrain.DESERT;
        if (terrain == Terrain.CITY) {
            skyline(horizon, unit);
        } else if (terrain != Terrain.OCEAN) {
            Path2D far = ridge(horizon, unit * (jagged ? 0.34 : 0.14), 0.25, jagged);
            brush.scenery(g, far, mood.distant(terrain.far, 0.45));
            if (terrain == Terrain.SNOW) {
                Area caps = new Area(far);
                caps.intersect(new Area(new Rectangle2D.Double(0, 0, width, horizon - unit * 0.18)));
                brush.scenery(g, caps, mood.distant(ColourMath.rgb(0xffffff), 0.25));
            }
        }
        middle(horizon, unit);
        ground(horizon, unit);
    }

    private void middle(double horizon, double unit) {
        Color prop = mood.distant(terrain.prop, 0.25);
        double midY = horizon + (shot.groundY() - horizon) * 0.15;
        switch (terrain) {
            case OCEAN -> {
                brush.scenery(g, new Rectangle2D.Double(0, horizon, width, height - horizon), mood.distant(terrain.far, 0.2));
                double island = position(0.55);
                brush.scenery(g, new Ellipse2D.Double(island - unit * 0.2, horizon - unit * 0.05, unit * 0.4, unit * 0.1),
                        mood.distant(terrain.prop, 0.45));
                props.palm(island, horizon, unit * 0.18, mood.distant(terrain.prop, 0.4), 1);
                waves(horizon, unit);
            }
            case SWAMP -> {
                brush.scenery(g, new Rectangle2D.Double(0, midY, width, height - midY), mood.distant(terrain.far, 0.3));
                scatter(5, 0.5, x -> props.cypress(x, midY + unit * 0.02, unit * (0.35 + world.nextDouble() * 0.2),
                        prop, mood.lit(ColourMath.rgb(0x7d8a5a))));
            }
            case CITY -> scatter(6, 0.6, x -> props.building(x, shot.groundY() - unit * 0.12, unit * 0.26,
                    unit * (0.45 + world.nextDouble() * 0.5), mood.lit(terrain.middle), windowLight(),
                    mood.isDark() ? 0.55 : 0.1, world.nextLong()));
            default -> {
                brush.scenery(g, ridge(midY, unit * 0.06, 0.55, false), mood.distant(terrain.middle, 0.15));
                scatter(terrain == Terrain.JUNGLE ? 9 : 6, 0.6, x -> middleProp(x, midY, unit, prop));
            }
        }
    }

    private void middleProp(double x, double baseY, double unit, Color colour) {
        double size = unit * (0.22 + world.nextDouble() * 0.16);
        switch (terrain) {
            case FOREST, MEADOW -> {
                if (terrain == Terrain.FOREST && world.nextBoolean()) {
                    props.pine(x, baseY, size * 1.3, colour, mood.lit(Props.trunk()), false);
                } else {
                    props.roundTree(x, baseY, size, colour, mood.lit(Props.trunk()));
                }
            }
            case SNOW -> props.pine(x, baseY, size, colour, mood.lit(Props.trunk()), true);
            case DESERT -> props.cactus(x, baseY, size * 0.6, colour);
            case JUNGLE -> props.palm(x, baseY, size * 1.6, colour, world.nextBoolean() ? 1 : -1);
            case SAVANNA -> props.acacia(x, baseY, size, colour, mood.lit(Props.trunk()));
            case FARM -> {
                if (world.nextDouble() < 0.3) {
                    props.barn(x, baseY, size * 0.8, mood.lit(terrain.prop));
                } else {
                    props.roundTree(x, baseY, size * 0.8, mood.distant(ColourMath.rgb(0x3f7a34), 0.2),
                            mood.lit(Props.trunk()));
                }
            }
            default -> props.roundTree(x, baseY, size, colour, mood.lit(Props.trunk()));
        }
    }

    private void ground(double horizon, double unit) {
        double top = shot.groundY() - (shot.groundY() - horizon) * 0.45;
        Color ground = mood.lit(terrain.ground);
        if (terrain == Terrain.CITY) {
            brush.scenery(g, new Rectangle2D.Double(0, shot.groundY() - unit * 0.12, width, height), ground);
            brush.scenery(g, new Rectangle2D.Double(0, shot.groundY() + unit * 0.05, width, height),
                    ColourMath.darker(ground, 0.35));
            return;
        }
        if (terrain == Terrain.OCEAN) {
            top = shot.groundY() - unit * 0.1;
        }
        brush.scenery(g, ridge(top, unit * 0.03, 1.0, false), ground);
        Color tuft = ColourMath.darker(ground, 0.18);
        for (int i = 0; i < 14; i++) {
            double x = position(1.0);
            double y = top + unit * 0.06 + world.nextDouble() * (height - top);
            double size = unit * (0.02 + world.nextDouble() * 0.03);
            brush.scenery(g, new Ellipse2D.Double(x - size, y - size * 0.4, size * 2, size * 0.8), tuft);
        }
        if (terrain == Terrain.FARM) {
            props.fence(position(1.0) - unit * 0.5, position(1.0) + unit * 0.3, top + unit * 0.08, unit * 0.08,
                    mood.lit(ColourMath.rgb(0xa8774a)));
        }
        if (terrain == Terrain.SWAMP) {
            scatter(3, 1.0, x -> props.reeds(x, height * 0.98, unit * 0.22, mood.lit(terrain.prop)));
        }
        if (terrain == Terrain.JUNGLE) {
            jungleFrame(unit);
        }
    }

    /** Dense leaves at the frame's edges and overhead: the jungle should feel close and tangled. */
    private void jungleFrame(double unit) {
        Color near = mood.lit(ColourMath.darker(terrain.prop, 0.25));
        Color light = mood.lit(terrain.middle);
        for (int side = 0; side < 2; side++) {
            double x = side == 0 ? -unit * 0.02 : width + unit * 0.02;
            double lean = side == 0 ? 0.5 : -0.5;
            for (int i = 0; i < 4; i++) {
                props.frond(x, height, unit * (0.35 + 0.08 * i), i % 2 == 0 ? near : light, lean * (0.5 + i * 0.45));
            }
        }
        props.canopy(width, unit, near, world.nextLong());
    }

    /** A horizon line of hills (or jagged peaks) seen with the given parallax, filled down to the bottom. */
    private Path2D ridge(double baseY, double amplitude, double parallax, boolean jagged) {
        double f1 = (1 + world.nextInt(2)) * Math.PI * 2 / width * 0.7;
        double f2 = f1 * (2.3 + world.nextDouble());
        double p1 = world.nextDouble() * 6.28;
        double p2 = world.nextDouble() * 6.28;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, height);
        for (double x = 0; x <= width + 8; x += 8) {
            double wx = x + shot.pan() * parallax;
            double wave = jagged
                    ? 1 - Math.abs(((wx * f1 / Math.PI + p1) % 2) - 1) * 1.4 + 0.25 * Math.sin(wx * f2 + p2)
                    : 0.6 * Math.sin(wx * f1 + p1) + 0.35 * Math.sin(wx * f2 + p2);
            path.lineTo(x, baseY - amplitude * wave);
        }
        path.lineTo(width, height);
        path.closePath();
        return path;
    }

    private void skyline(double horizon, double unit) {
        Color far = mood.distant(terrain.far, 0.4);
        for (double x = -((shot.pan() * 0.25) % (unit * 0.16)); x < width; x += unit * 0.16) {
            double h = unit * (0.12 + world.nextDouble() * 0.3);
            brush.scenery(g, new Rectangle2D.Double(x, horizon - h, unit * 0.15, h + height), far);
        }
    }

    private void waves(double horizon, double unit) {
        Color foam = mood.lit(ColourMath.rgb(0xe8f4fb));
        for (int i = 0; i < 12; i++) {
            double x = position(1.0);
            double y = horizon + unit * 0.03 + world.nextDouble() * (shot.groundY() - horizon - unit * 0.1);
            double w = unit * (0.05 + world.nextDouble() * 0.08);
            Path2D.Double wave = new Path2D.Double();
            wave.moveTo(x, y);
            wave.quadTo(x + w / 2, y - w * 0.25, x + w, y);
            wave.quadTo(x + w / 2, y - w * 0.12, x, y);
            brush.scenery(g, wave, foam);
        }
    }

    private Color windowLight() {
        return mood.isDark() ? ColourMath.rgb(0xffd97a) : ColourMath.rgb(0xbfd6e8);
    }

    private void scatter(int count, double parallax, DoubleConsumer place) {
        for (int i = 0; i < count; i++) {
            double spacing = width * 2.2 / count;
            double wx = i * spacing + world.nextDouble() * spacing * 0.7;
            place.accept(wx - shot.pan() * parallax - width * 0.3);
        }
    }

    /** A world position drawn from the seed, shifted by the camera pan. */
    private double position(double parallax) {
        return world.nextDouble() * width * 2 - shot.pan() * parallax - width * 0.3;
    }
}
