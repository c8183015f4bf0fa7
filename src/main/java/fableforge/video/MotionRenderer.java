package fableforge.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.stream.IntStream;

/**
 * Draws a window of a still into a frame with bilinear filtering at sub-pixel positions, so a window
 * that moves a third of a pixel moves the picture a third of a pixel: no rounding to whole pixels,
 * hence no jitter. The still is scaled once, up front, so that the most zoomed-in window of its move
 * maps one to one onto the frame: every frame then shrinks a larger picture, never enlarges one.
 */
final class MotionRenderer {

    private static final int ROWS_PER_TASK = 48;

    private final byte[] source;
    private final int sourceWidth;
    private final int sourceHeight;

    private MotionRenderer(byte[] source, int sourceWidth, int sourceHeight) {
        this.source = source;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
    }

    /** Prepares {@code still} for {@code frame}-sized windows down to {@code 1/maxZoom} of the largest. */
    static MotionRenderer prepare(BufferedImage still, FrameSize frame, double maxZoom) {
        double fullWidth = Math.min(still.getWidth(), still.getHeight() * frame.aspect());
        double scale = frame.width() * maxZoom / fullWidth;
        int width = Math.max(2, (int) Math.ceil(still.getWidth() * scale));
        int height = Math.max(2, (int) Math.ceil(still.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(still, 0, 0, width, height, null);
        g.dispose();
        return new MotionRenderer(((DataBufferByte) scaled.getRaster().getDataBuffer()).getData(), width, height);
    }

    int sourceWidth() {
        return sourceWidth;
    }

    int sourceHeight() {
        return sourceHeight;
    }

    /** Fills {@code frame} with the window {@code crop} (in prepared-source pixels). */
    void render(Crop crop, VideoFrame frame) {
        int width = frame.width();
        int height = frame.height();
        int[] column = new int[width];
        int[] columnWeight = new int[width];
        sample(crop.x(), crop.width() / width, width, sourceWidth, column, columnWeight);
        int[] row = new int[height];
        int[] rowWeight = new int[height];
        sample(crop.y(), crop.height() / height, height, sourceHeight, row, rowWeight);
        byte[] out = frame.pixels();
        int tasks = (height + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            int end = Math.min(height, (task + 1) * ROWS_PER_TASK);
            for (int y = task * ROWS_PER_TASK; y < end; y++) {
                renderRow(row[y], rowWeight[y], column, columnWeight, out, y * width * 3);
            }
        });
    }

    private void renderRow(int sourceRow, int rowWeight, int[] column, int[] columnWeight, byte[] out, int outOffset) {
        byte[] s = source;
        int top = sourceRow * sourceWidth * 3;
        int bottom = top + sourceWidth * 3;
        int upper = 256 - rowWeight;
        for (int x = 0, o = outOffset; x < column.length; x++, o += 3) {
            int a = top + column[x] * 3;
            int b = bottom + column[x] * 3;
            int right = columnWeight[x];
            int left = 256 - right;
            // Blue, green, red: the two pixels of each source row mixed across, then the two rows down.
            int topB = (s[a] & 0xff) * left + (s[a + 3] & 0xff) * right;
            int topG = (s[a + 1] & 0xff) * left + (s[a + 4] & 0xff) * right;
            int topR = (s[a + 2] & 0xff) * left + (s[a + 5] & 0xff) * right;
            int bottomB = (s[b] & 0xff) * left + (s[b + 3] & 0xff) * right;
            int bottomG = (s[b + 1] & 0xff) * left + (s[b + 4] & 0xff) * right;
            int bottomR = (s[b + 2] & 0xff) * left + (s[b + 5] & 0xff) * right;
            out[o] = (byte) ((topB * upper + bottomB * rowWeight + (1 << 15)) >> 16);
            out[o + 1] = (byte) ((topG * upper + bottomG * rowWeight + (1 << 15)) >> 16);
            out[o + 2] = (byte) ((topR * upper + bottomR * rowWeight + (1 << 15)) >> 16);
        }
    }

    /**
     * For each output position, the source pixel to its left/above and the weight (of 256) of the
     * next one, sampling at pixel centres. Positions are clamped so the next pixel always exists.
     */
    private static void sample(double start, double step, int count, int sourceSize, int[] index, int[] weight) {
        for (int i = 0; i < count; i++) {
            double position = Math.clamp(start + (i + 0.5) * step - 0.5, 0, sourceSize - 1.0);
            int base = Math.min((int) position, sourceSize - 2);
            index[i] = base;
            weight[i] = (int) Math.round((position - base) * 256);
        }
    }
}
