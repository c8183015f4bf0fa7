package fableforge.media;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Shrinks a picture to a width in halving steps, each drawn with bilinear filtering: one bilinear
 * step from 1080 to 480 pixels skips pixels and leaves jagged lines and shimmering hatching, while
 * halving steps average every pixel (the "progressive bilinear" approach) at a fraction of the cost
 * of area averaging.
 */
final class ThumbnailScaling {

    private ThumbnailScaling() {
    }

    /** The picture at most {@code maxWidth} wide, same proportions, opaque RGB (JPEG has no alpha: transparency becomes white). */
    static BufferedImage fitWidth(BufferedImage source, int maxWidth) {
        BufferedImage current = opaque(source);
        if (current.getWidth() <= maxWidth && current.getType() != BufferedImage.TYPE_INT_RGB) {
            current = draw(current, current.getWidth(), current.getHeight());
        }
        int targetWidth = Math.min(maxWidth, current.getWidth());
        int targetHeight = Math.max(1, (int) Math.round((double) current.getHeight() * targetWidth / current.getWidth()));
        while (current.getWidth() > targetWidth) {
            int width = Math.max(targetWidth, current.getWidth() / 2);
            int height = width == targetWidth ? targetHeight : Math.max(1, current.getHeight() / 2);
            current = draw(current, width, height);
        }
        return current;
    }

    /** Only a picture with alpha is flattened first (a full-size copy): the scaling steps write RGB anyway. */
    private static BufferedImage opaque(BufferedImage source) {
        if (!source.getColorModel().hasAlpha()) {
            return source;
        }
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }
}
