package fableforge.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One PNG showing a whole story at a glance: every frame as a thumbnail, in scene order, numbered, on a
 * neutral grey. Frames that cannot be decoded show as an empty numbered cell rather than failing the sheet.
 */
public final class ContactSheet {

    /** Thumbnails are this wide for portrait and square frames; landscape frames get a wider cell. */
    public static final int THUMBNAIL_WIDTH = 216;

    private static final Color BACKGROUND = new Color(0x3a3a3e);
    private static final Color LABEL = new Color(0xeeeeee);
    private static final int GAP = 12;
    private static final int LABEL_HEIGHT = 26;

    private ContactSheet() {
    }

    /**
     * @param pngs    encoded frames in scene order; frame i is labelled scene i + 1
     * @param columns thumbnails per row (at least 1)
     */
    public static byte[] compose(List<byte[]> pngs, int columns) {
        List<BufferedImage> frames = pngs.stream().map(ContactSheet::decode).toList();
        int cols = Math.max(1, Math.min(columns, Math.max(1, frames.size())));
        int rows = Math.max(1, (frames.size() + cols - 1) / cols);
        double aspect = frames.stream().filter(f -> f != null).findFirst()
                .map(f -> f.getHeight() / (double) f.getWidth()).orElse(16 / 9.0);
        int thumbWidth = aspect < 1 ? THUMBNAIL_WIDTH * 3 / 2 : THUMBNAIL_WIDTH;
        int thumbHeight = (int) Math.round(thumbWidth * aspect);
        int cellHeight = thumbHeight + LABEL_HEIGHT;
        BufferedImage sheet = new BufferedImage(GAP + cols * (thumbWidth + GAP), GAP + rows * (cellHeight + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            for (int i = 0; i < frames.size(); i++) {
                int x = GAP + (i % cols) * (thumbWidth + GAP);
                int y = GAP + (i / cols) * (cellHeight + GAP);
                drawCell(g, frames.get(i), i + 1, x, y, thumbWidth, thumbHeight);
            }
        } finally {
            g.dispose();
        }
        return encode(sheet);
    }

    private static void drawCell(Graphics2D g, BufferedImage frame, int scene, int x, int y, int w, int h) {
        if (frame != null) {
            g.drawImage(shrink(frame, w, h), x, y, null);
        } else {
            g.setColor(BACKGROUND.darker());
            g.fillRect(x, y, w, h);
        }
        g.setColor(LABEL);
        FontMetrics metrics = g.getFontMetrics();
        String label = String.valueOf(scene);
        g.drawString(label, x + (w - metrics.stringWidth(label)) / 2, y + h + metrics.getAscent() + 4);
    }

    /** Halving steps before the last resize keep thumbnails crisp instead of aliased. */
    private static BufferedImage shrink(BufferedImage frame, int w, int h) {
        BufferedImage current = frame;
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return resize(current, w, h);
    }

    private static BufferedImage resize(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage decode(byte[] png) {
        if (png == null) {
            return null;
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] encode(BufferedImage sheet) {
        return PngEncoder.encode(sheet);
    }
}
