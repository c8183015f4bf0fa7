package fableforge.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Fits a provider's picture to the story's frame without distortion: scaled by one factor until it
 * covers the frame, then centred and cut to it. A provider asked for the frame's own aspect (1088x1920
 * for 1080x1920) loses a few pixels at the edges; one with fixed sizes loses what sticks out.
 */
public final class FrameFit {

    private FrameFit() {
    }

    /** {@code image} as a PNG of exactly {@code width × height}; the same image when it already is. */
    public static Optional<GeneratedImage> cover(GeneratedImage image, int width, int height) throws IOException {
        if (image.width() == width && image.height() == height) {
            return Optional.of(image);
        }
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        if (source == null) {
            return Optional.empty(); // a format the JDK cannot decode (WebP): kept as it came
        }
        double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        double scaledWidth = source.getWidth() * scale;
        double scaledHeight = source.getHeight() * scale;
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = frame.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, (int) Math.round((width - scaledWidth) / 2), (int) Math.round((height - scaledHeight) / 2),
                    (int) Math.round(scaledWidth), (int) Math.round(scaledHeight), null);
        } finally {
            graphics.dispose();
        }
        return Optional.of(new GeneratedImage(PngEncoder.encode(frame), "image/png", width, height, Optional.empty(), Optional.of(frame)));
    }
}
