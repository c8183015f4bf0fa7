package fableforge.video;

import fableforge.story.Scene;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Stills for video tests: diagonal stripes in a colour per scene (texture, so motion shows in every
 * frame), with no pixel brighter than 200, so any near-white pixel in a frame belongs to a caption.
 */
final class TestStills {

    private TestStills() {
    }

    static byte[] png(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color base = Color.getHSBColor((seed * 0.17f) % 1f, 0.6f, 0.55f);
        g.setColor(base);
        g.fillRect(0, 0, width, height);
        g.setColor(base.darker().darker());
        int stripe = Math.max(6, width / 40);
        for (int x = -height; x < width; x += stripe * 2) {
            g.fillPolygon(new int[] {x, x + stripe, x + stripe + height, x + height}, new int[] {0, 0, height, height}, 4);
        }
        g.setColor(new Color(200, 180, 60));
        g.fillOval(width / 3, height / 3, width / 3, width / 3);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scenes {@code numbers} with short texts, each with a 1080 × 1920 still. */
    static List<SceneStill> scenes(int... numbers) {
        List<SceneStill> stills = new ArrayList<>();
        for (int number : numbers) {
            stills.add(new SceneStill(Scene.of(number, "Scene " + number + " begins here, and the hero looks on."),
                    png(1080, 1920, number)));
        }
        return stills;
    }
}
