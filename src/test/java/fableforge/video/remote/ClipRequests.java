package fableforge.video.remote;

import fableforge.story.Scene;
import fableforge.video.ClipRequest;
import fableforge.video.FrameSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Clip requests for remote adapter tests: a small 9:16 still and a low-resolution frame. */
public final class ClipRequests {

    public static final FrameSize SIZE = new FrameSize(180, 320);
    public static final int FPS = 30;

    private ClipRequests() {
    }

    /** Scene {@code number}'s clip of {@code seconds} at 30 fps. */
    public static ClipRequest scene(int number, double seconds) {
        return new ClipRequest("story-1", Scene.of(number, "Scene " + number + ": the little fox looks up at the night sky."),
                still(number), Optional.empty(), (int) Math.round(seconds * FPS), SIZE, FPS);
    }

    /** A 360 × 640 PNG (Kling wants at least 300 px a side). */
    public static byte[] still(int seed) {
        BufferedImage image = new BufferedImage(360, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.getHSBColor(seed * 0.13f % 1f, 0.5f, 0.6f));
        g.fillRect(0, 0, 360, 640);
        g.setColor(Color.ORANGE);
        g.fillOval(120, 260, 120, 120);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
