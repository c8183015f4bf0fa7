package fableforge.video;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.util.stream.IntStream;

/**
 * Draws a window of a still into a frame with bilinear filtering at sub-pixel positions, so a window
 * that moves a third of a pixel moves the picture a third of a pixel: no rounding to whole pixels,
 * hence no jitter. The still is converted once, up front, to the encoder's YUV 4:2:0 planes, so each
 * frame samples 1.5 bytes a pixel and needs no colour conversion. A still more than twice the size the
 * closest window needs is halved (2×2 averages) first, so the filter never skips source pixels.
 */
final class MotionRenderer {

    private static final int ROWS_PER_TASK = 64;
    /**
     * Whether the across pass runs on the vector unit ({@link VectorAcross}): only when the JVM has the
     * incubator module, as the launcher and the tests start it; VectorAcross is not even loaded otherwise.
     */
    private static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** Where red, green and blue lie in a 3-byte BGR pixel. */
    private static final int[] BGR_BANDS = {2, 1, 0};

    private final boolean vectors;
    private final Pairs luma;
    private final Pairs blue;
    private final Pairs red;

    /** The still's Y plane and its half-size U and V planes, 8 bits a sample, while it is prepared. */
    private record Planes(Plane luma, Plane blue, Plane red) {

        Planes halved() {
            return new Planes(luma.halved(), blue.halved(), red.halved());
        }
    }

    /**
     * One prepared plane as the filter reads it: at each sample, that sample shifted up by 8 and the step to
     * its right-hand neighbour (a signed 16-bit difference) in one int. A column is then one load instead of
     * two bytes' (each bounds-checked) plus a subtraction: the scaling 11% less CPU a frame (ComposeBenchmark's
     * scaling, 3.46 -> 3.08 ms, alternating runs), for 4 bytes a sample instead of 1, about 12 MB a 1080×1920
     * scene. The last column has no neighbour; {@link #sample} never reads it as a left pixel.
     */
    private record Pairs(int[] packed, int width, int height) {

        static Pairs of(Plane plane) {
            byte[] s = plane.pixels;
            int width = plane.width;
            // Room after the last sample for a vector load starting at any column (VectorAcross).
            int[] packed = new int[s.length + VectorAcross.PADDING];
            for (int row = 0; row < plane.height; row++) {
                int start = row * width;
                for (int x = 0; x < width; x++) {
                    int left = s[start + x] & 0xff;
                    int step = x + 1 < width ? (s[start + x + 1] & 0xff) - left : 0;
                    packed[start + x] = (left << 24) | (step & 0xffff);
                }
            }
            return new Pairs(packed, width, plane.height);
        }
    }

    /** One 8-bit plane of the still. */
    private record Plane(byte[] pixels, int width, int height) {

        /** The plane halved on both sides, each pixel the average of a 2×2 block. */
        Plane halved() {
            int w = Math.max(2, width / 2);
            int h = Math.max(2, height / 2);
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                int top = Math.min(height - 1, 2 * y) * width;
                int bottom = Math.min(height - 1, 2 * y + 1) * width;
                for (int x = 0; x < w; x++) {
                    int left = Math.min(width - 1, 2 * x);
                    int right = Math.min(width - 1, 2 * x + 1);
                    out[y * w + x] = (byte) (((pixels[top + left] & 0xff) + (pixels[top + right] & 0xff)
                            + (pixels[bottom + left] & 0xff) + (pixels[bottom + right] & 0xff) + 2) >> 2);
                }
            }
            return new Plane(out, w, h);
        }
    }

    private MotionRenderer(Planes planes, boolean vectors) {
        this.vectors = vectors;
        this.luma = Pairs.of(planes.luma());
        this.blue = Pairs.of(planes.blue());
        this.red = Pairs.of(planes.red());
    }

    /** Prepares {@code still} for {@code frame}-sized windows down to {@code 1/maxZoom} of the largest. */
    static MotionRenderer prepare(BufferedImage still, FrameSize frame, double maxZoom) {
        return prepare(still, frame, maxZoom, VECTORS);
    }

    /** As {@link #prepare(BufferedImage, FrameSize, double)}, the across pass on the vector unit or not (tests compare the two). */
    static MotionRenderer prepare(BufferedImage still, FrameSize frame, double maxZoom, boolean vectors) {
        if (vectors && !VECTORS) {
            throw new IllegalStateException("the JVM was started without --add-modules jdk.incubator.vector");
        }
        Planes planes = convert(still);
        double needed = frame.width() * maxZoom;
        while (Math.min(planes.luma().width, planes.luma().height * frame.aspect()) >= 2 * needed
                && planes.luma().width >= 8 && planes.luma().height >= 8) {
            planes = planes.halved();
        }
        return new MotionRenderer(planes, vectors);
    }

    /** The still's Y plane and its half-size U and V planes (BT.601, as {@link Bt601}). */
    private static Planes convert(BufferedImage still) {
        int width = Math.max(2, still.getWidth() & ~1);
        int height = Math.max(2, still.getHeight() & ~1);
        byte[] y = new byte[width * height];
        byte[] u = new byte[width * height / 4];
        byte[] v = new byte[width * height / 4];
        IntStream.range(0, height / 2).parallel().forEach(pair -> {
            byte[] bgr = bgrRows(still, 2 * pair, width);
            byte[] out = new byte[3 * width];
            Bt601.planes(bgr, width, 2, out, 0, 2 * width, 2 * width + width / 2);
            System.arraycopy(out, 0, y, 2 * pair * width, 2 * width);
            System.arraycopy(out, 2 * width, u, pair * (width / 2), width / 2);
            System.arraycopy(out, 2 * width + width / 2, v, pair * (width / 2), width / 2);
        });
        return new Planes(new Plane(y, width, height), new Plane(u, width / 2, height / 2), new Plane(v, width / 2, height / 2));
    }

    /**
     * Two rows of {@code still} as BGR bytes. A decoded PNG or JPEG is usually 3-byte BGR: its pixels
     * already lie in memory as B, G, R, so the rows are copied out of its array whole (a sub-image's
     * too, at its offset): preparing a scene 85 -> 64 ms CPU (ComposeBenchmark). Its raster's getDataElements
     * hands them over pixel by pixel in R, G, B order, to be swapped back; getRGB converts every pixel through
     * the colour model, dearer still.
     */
    private static byte[] bgrRows(BufferedImage still, int y, int width) {
        byte[] bgr = new byte[2 * width * 3];
        if (copyBgrRows(still, y, width, bgr)) {
            return bgr;
        }
        int[] rows = new int[2 * width];
        still.getRGB(0, y, width, 2, rows, 0, width);
        for (int i = 0; i < rows.length; i++) {
            bgr[3 * i] = (byte) rows[i];
            bgr[3 * i + 1] = (byte) (rows[i] >> 8);
            bgr[3 * i + 2] = (byte) (rows[i] >> 16);
        }
        return bgr;
    }

    /** Copies two rows straight from a raster laid out B, G, R, 3 bytes a pixel; false for any other layout. */
    private static boolean copyBgrRows(BufferedImage still, int y, int width, byte[] bgr) {
        WritableRaster raster = still.getRaster();
        if (!(raster.getSampleModel() instanceof ComponentSampleModel model) || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1 || model.getPixelStride() != 3 || !java.util.Arrays.equals(model.getBandOffsets(), BGR_BANDS)
                || !java.util.Arrays.equals(model.getBankIndices(), new int[3])) {
            return false;
        }
        byte[] data = buffer.getData();
        for (int row = 0; row < 2; row++) {
            // The pixel's first byte (its blue): getOffset(x, y) would point at band 0, red, two bytes on.
            int from = buffer.getOffset() + (y + row - raster.getSampleModelTranslateY()) * model.getScanlineStride()
                    - raster.getSampleModelTranslateX() * 3;
            System.arraycopy(data, from, bgr, row * width * 3, width * 3);
        }
        return true;
    }

    /** Width of the prepared still: crops are in these pixels. */
    int sourceWidth() {
        return luma.width;
    }

    int sourceHeight() {
        return luma.height;
    }

    /** Fills {@code frame} with the window {@code crop} (in prepared-source pixels). */
    void render(Crop crop, YuvFrame frame) {
        render(crop, frame, 1);
    }

    /**
     * Mixes the window {@code crop} over what {@code frame} holds: {@code opacity} 0 keeps the frame, 1 replaces
     * it. The mix happens as each row is written, so a dissolve costs no second frame and no pass over it
     * (YuvFrame.blend's arithmetic, byte for byte).
     */
    void render(Crop crop, YuvFrame frame, double opacity) {
        int mix = (int) Math.round(Math.clamp(opacity, 0, 1) * 256);
        int width = frame.width();
        int height = frame.height();
        byte[] out = frame.data();
        Sampling full = Sampling.of(crop.x(), crop.y(), crop.width() / width, crop.height() / height, width, height, luma, vectors);
        Sampling half = Sampling.of(crop.x() / 2, crop.y() / 2, crop.width() / width, crop.height() / height, width / 2, height / 2, blue,
                vectors);
        int lumaTasks = (height + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int chromaRows = height / 2;
        int chromaTasks = (chromaRows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, lumaTasks + chromaTasks).parallel().forEach(task -> {
            if (task < lumaTasks) {
                int from = task * ROWS_PER_TASK;
                full.rows(luma, from, Math.min(height, from + ROWS_PER_TASK), out, from * width, width, mix);
            } else {
                int from = (task - lumaTasks) * ROWS_PER_TASK;
                int to = Math.min(chromaRows, from + ROWS_PER_TASK);
                half.rows(blue, from, to, out, frame.uOffset() + from * (width / 2), width / 2, mix);
                half.rows(red, from, to, out, frame.vOffset() + from * (width / 2), width / 2, mix);
            }
        });
    }

    /** Fills a BGR {@code frame} (clips drawn outside the YUV pipeline, tests): through YUV, as the encoder sees it. */
    void render(Crop crop, VideoFrame frame) {
        YuvFrame yuv = new YuvFrame(frame.size());
        render(crop, yuv);
        frame.copyFrom(yuv.toBgr());
    }

    /**
     * Where each output column and row samples its plane: the pixel left/above and the weight (of 256) of the next.
     *
     * @param vector the across pass on the vector unit, or null for the scalar one
     */
    private record Sampling(int[] column, int[] columnWeight, int[] row, int[] rowWeight, VectorAcross vector) {

        static Sampling of(double x, double y, double stepX, double stepY, int width, int height, Pairs plane, boolean vectors) {
            int[] column = new int[width];
            int[] columnWeight = new int[width];
            sample(x, stepX, width, plane.width, column, columnWeight);
            int[] row = new int[height];
            int[] rowWeight = new int[height];
            sample(y, stepY, height, plane.height, row, rowWeight);
            return new Sampling(column, columnWeight, row, rowWeight, vectors ? VectorAcross.of(column, columnWeight) : null);
        }

        /**
         * Output rows [{@code from}, {@code to}): each source row they read is resampled across once
         * (consecutive output rows mostly share source rows) into 8.8 fixed point, on the vector unit when
         * this Sampling has a {@link VectorAcross}, else by {@link MotionRenderer#across}; then each output row is
         * the two resampled rows either side of it mixed down. The mix is all-int, from two separate
         * arrays into a scratch row, then narrowed to bytes in a loop of its own: in that shape C2
         * vectorises both loops; a mix reading chars, reading two rows of one array, or narrowing as it
         * goes it leaves scalar (3× slower, measured with ComposeBenchmark). {@code opacity} (of 256) below
         * 256 mixes the row over what {@code out} holds, in the narrowing loop.
         */
        void rows(Pairs plane, int from, int to, byte[] out, int outOffset, int outStride, int opacity) {
            int[] s = plane.packed;
            int[] col = column;
            int[] weight = columnWeight;
            int width = col.length;
            int firstSource = row[from];
            int sourceRows = row[to - 1] + 2 - firstSource;
            Scratch scratch = SCRATCH.get().ensure(sourceRows, width);
            int[][] across = scratch.rows;
            int[] mixed = scratch.mixed;
            for (int r = 0; r < sourceRows; r++) {
                int in = (firstSource + r) * plane.width;
                if (vector != null) {
                    vector.row(s, in, across[r]);
                } else {
                    across(s, in, col, weight, across[r], 0, width);
                }
            }
            for (int y = from; y < to; y++) {
                int[] upperLine = across[row[y] - firstSource];
                int[] lowerLine = across[row[y] - firstSource + 1];
                int lower = rowWeight[y];
                int upper = 256 - lower;
                for (int x = 0; x < width; x++) {
                    mixed[x] = (upperLine[x] * upper + lowerLine[x] * lower + (1 << 15)) >>> 16;
                }
                int o = outOffset + (y - from) * outStride;
                if (opacity >= 256) {
                    for (int x = 0; x < width; x++) {
                        out[o + x] = (byte) mixed[x];
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        int under = out[o + x] & 0xff;
                        out[o + x] = (byte) (under + ((mixed[x] - under) * opacity >> 8));
                    }
                }
            }
        }
    }

    /** Columns [{@code from}, {@code to}) of the source row at {@code in} resampled across into {@code line}, one by one. */
    static void across(int[] packed, int in, int[] column, int[] weight, int[] line, int from, int to) {
        for (int x = from; x < to; x++) {
            int pair = packed[in + column[x]];
            line[x] = (pair >>> 16) + (short) pair * weight[x];
        }
    }

    /** A worker thread's resampled source rows and mixed row, kept between frames: no garbage per frame. */
    private static final class Scratch {
        private int[][] rows = new int[0][];
        private int[] mixed = new int[0];

        Scratch ensure(int rowCount, int width) {
            if (rows.length < rowCount || mixed.length < width) {
                int longest = Math.max(width, mixed.length);
                rows = new int[Math.max(rowCount, rows.length)][longest];
                mixed = new int[longest];
            }
            return this;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
