package fableforge.video;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;

/**
 * Guesses where the subject of a picture that came without one (a provider's image) is: detail draws
 * the eye, flat sky and soft backgrounds do not. The picture is sampled on a coarse grid, each cell
 * scored by its luminance edges above the picture's typical level, and the box taken that holds the
 * middle 80 % of that energy across and down. Only trusted when the detail really gathers there
 * (small box, much denser inside than out); otherwise empty, and the camera stays near the centre.
 */
final class SubjectEstimate {

    /** Grid cells across the long side: coarse enough to be cheap, fine enough for a box. */
    static final int GRID = 64;
    /** A box larger than this share of the picture says nothing about where to look. */
    static final double MAX_AREA = 0.5;
    /** Detail per cell inside the box must be at least this many times that outside. */
    static final double MIN_CONTRAST = 2.5;
    private static final double TAIL = 0.1;

    private SubjectEstimate() {
    }

    static Optional<Rectangle2D> of(BufferedImage picture) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        if (width < 16 || height < 16) {
            return Optional.empty();
        }
        double cell = Math.max(width, height) / (double) GRID;
        int columns = Math.max(2, (int) Math.round(width / cell));
        int rows = Math.max(2, (int) Math.round(height / cell));
        double[] luma = luma(picture, columns, rows);
        double[] energy = energy(luma, columns, rows);
        double[] across = new double[columns];
        double[] down = new double[rows];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double e = energy[r * columns + c];
                across[c] += e;
                down[r] += e;
                total += e;
            }
        }
        if (total <= 1e-6) {
            return Optional.empty();
        }
        int left = quantile(across, total, TAIL);
        int right = quantile(across, total, 1 - TAIL);
        int top = quantile(down, total, TAIL);
        int bottom = quantile(down, total, 1 - TAIL);
        double inside = 0;
        for (int r = top; r <= bottom; r++) {
            for (int c = left; c <= right; c++) {
                inside += energy[r * columns + c];
            }
        }
        double area = (right - left + 1) * (bottom - top + 1) / (double) (columns * rows);
        double outside = total - inside;
        boolean confident = area <= MAX_AREA && inside / area >= MIN_CONTRAST * outside / Math.max(1e-9, 1 - area);
        if (!confident) {
            return Optional.empty();
        }
        double sx = width / (double) columns;
        double sy = height / (double) rows;
        return Optional.of(new Rectangle2D.Double(left * sx, top * sy, (right - left + 1) * sx, (bottom - top + 1) * sy));
    }

    /** Mean luminance of each grid cell, from a sparse sample of its pixels (every 4th across and down). */
    private static double[] luma(BufferedImage picture, int columns, int rows) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        double[] sum = new double[columns * rows];
        int[] count = new int[columns * rows];
        int[] line = new int[width];
        for (int y = 0; y < height; y += 4) {
            picture.getRGB(0, y, width, 1, line, 0, width);
            int r = Math.min(rows - 1, y * rows / height);
            for (int x = 0; x < width; x += 4) {
                int rgb = line[x];
                int c = Math.min(columns - 1, x * columns / width);
                sum[r * columns + c] += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                count[r * columns + c]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
        }
        return sum;
    }

    /** Edge strength of each cell minus the picture's median edge strength (texture everywhere is no subject). */
    private static double[] energy(double[] luma, int columns, int rows) {
        double[] energy = new double[luma.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                double gx = c + 1 < columns ? luma[i + 1] - luma[i] : luma[i] - luma[i - 1];
                double gy = r + 1 < rows ? luma[i + columns] - luma[i] : luma[i] - luma[i - columns];
                energy[i] = Math.abs(gx) + Math.abs(gy);
            }
        }
        double[] sorted = energy.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        for (int i = 0; i < energy.length; i++) {
            energy[i] = Math.max(0, energy[i] - median);
        }
        return energy;
    }

    /** The first index where the running sum reaches {@code share} of {@code total}. */
    private static int quantile(double[] values, double total, double share) {
        double running = 0;
        for (int i = 0; i < values.length; i++) {
            running += values[i];
            if (running >= share * total) {
                return i;
            }
        }
        return values.length - 1;
    }
}
