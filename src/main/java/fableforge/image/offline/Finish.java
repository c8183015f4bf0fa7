package fableforge.image.offline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/** The style's last pass over the finished picture: paper grain, halftone dots, a posterized palette, a vignette. */
final class Finish {

    private Finish() {
    }

    static void apply(Style style, BufferedImage picture, long seed, double unit) {
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            applyWith(style, picture, g, seed, unit);
        } finally {
            g.dispose();
        }
    }

    private static void applyWith(Style style, BufferedImage picture, Graphics2D g, long seed, double unit) {
        switch (style) {
            case WATERCOLOR -> paperGrain(picture, seed);
            case COMIC -> halftone(picture, g, unit);
            case PIXEL -> posterize(picture);
            case SMOOTH -> vignette(picture, g, 0.3);
            case CLEAN -> vignette(picture, g, 0.12);
        }
    }

    /**
     * Pigment blooms (soft, low-frequency light and dark patches) plus a faint grain, and a wash toward
     * the paper colour. The blooms carry the look; the grain is kept tiny because noise bloats a PNG.
     */
    private static void paperGrain(BufferedImage picture, long seed) {
        int[] pixels = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        int width = picture.getWidth();
        int height = picture.getHeight();
        int cell = 64;
        int cols = width / cell + 2;
        int rows = height / cell + 2;
        int[] bloom = new int[cols * rows];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < bloom.length; i++) {
            bloom[i] = random.nextInt(-12, 13);
        }
        for (int y = 0; y < height; y++) {
            int cy = y / cell;
            int fy = y % cell;
            for (int x = 0, i = y * width; x < width; x++, i++) {
                int cx = x / cell;
                int fx = x % cell;
                int top = bloom[cy * cols + cx] * (cell - fx) + bloom[cy * cols + cx + 1] * fx;
                int bottom = bloom[(cy + 1) * cols + cx] * (cell - fx) + bloom[(cy + 1) * cols + cx + 1] * fx;
                int shift = (top * (cell - fy) + bottom * fy) / (cell * cell);
                long h = (x * 0x9E3779B1L) ^ (y * 0x85EBCA77L) ^ seed;
                h *= 0x2C1B3C6DL;
                int grain = shift + (int) ((h >>> 40) & 3) - 2;
                int p = pixels[i];
                pixels[i] = (wash((p >> 16) & 255, 0xf5, grain) << 16) | (wash((p >> 8) & 255, 0xf1, grain) << 8)
                        | wash(p & 255, 0xe8, grain);
            }
        }
    }

    private static int wash(int channel, int paper, int grain) {
        int v = channel + (paper - channel) * 12 / 100 + grain;
        return Math.max(0, Math.min(255, v));
    }

    /** Dots sized by how dark each cell is, over the whole picture, like cheap comic printing. */
    private static void halftone(BufferedImage picture, Graphics2D g, double unit) {
        int cell = Math.max(6, (int) Math.round(14 * unit));
        g.setColor(new Color(20, 16, 30, 46));
        for (int y = cell / 2; y < picture.getHeight(); y += cell) {
            int shift = (y / cell) % 2 == 0 ? 0 : cell / 2;
            for (int x = cell / 2 + shift; x < picture.getWidth(); x += cell) {
                int p = picture.getRGB(x, y);
                double lum = ColourMath.luminance(new Color(p));
                double radius = cell * 0.5 * (1 - lum);
                if (radius > 0.8) {
                    g.fill(new Ellipse2D.Double(x - radius, y - radius, radius * 2, radius * 2));
                }
            }
        }
    }

    /** Fewer colour levels, as an old console palette would allow. */
    private static void posterize(BufferedImage picture) {
        int[] pixels = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            pixels[i] = (level((p >> 16) & 255) << 16) | (level((p >> 8) & 255) << 8) | level(p & 255);
        }
    }

    private static int level(int channel) {
        return Math.min(255, (channel + 12) / 24 * 24);
    }

    private static void vignette(BufferedImage picture, Graphics2D g, double strength) {
        double w = picture.getWidth();
        double h = picture.getHeight();
        float radius = (float) (Math.hypot(w, h) * 0.62);
        g.setPaint(new RadialGradientPaint(new Point2D.Double(w / 2, h * 0.45), radius, new float[] {0.55f, 1f},
                new Color[] {new Color(0, 0, 0, 0), new Color(10, 8, 20, (int) (255 * strength))}));
        g.fill(new Rectangle2D.Double(0, 0, w, h));
    }
}
