package fableforge.video;

/**
 * A caption page ready to lay over a {@link YuvFrame}: its luma and opacity per pixel and its chroma and
 * mean opacity per 2×2 block, over the overlay's rectangle only (rounded out to even sides). Made once per
 * page, straight from the overlay's colour and alpha; each block's chroma is the colour of its pixels
 * weighted by their opacity, so a letter's edge keeps the letter's colour rather than fading to black.
 */
final class CaptionPlanes {

    private final int top;
    private final int left;
    private final Mix lumaMix;
    private final Mix blueMix;
    private final Mix redMix;

    private CaptionPlanes(int top, int left, Mix lumaMix, Mix blueMix, Mix redMix) {
        this.top = top;
        this.left = left;
        this.lumaMix = lumaMix;
        this.blueMix = blueMix;
        this.redMix = redMix;
    }

    static CaptionPlanes of(CaptionOverlay overlay, FrameSize size) {
        int top = Math.max(0, overlay.top() & ~1);
        int bottom = Math.min(size.height() & ~1, (overlay.bottom() + 1) & ~1);
        int left = Math.max(0, overlay.left() & ~1);
        int right = Math.min(size.width() & ~1, (overlay.right() + 1) & ~1);
        int rows = Math.max(0, bottom - top);
        int cols = Math.max(0, right - left);
        int half = cols / 2;
        byte[] luma = new byte[rows * cols];
        byte[] lumaAlpha = new byte[rows * cols];
        byte[] blue = new byte[rows * cols / 4];
        byte[] red = new byte[rows * cols / 4];
        byte[] chromaAlpha = new byte[rows * cols / 4];
        for (int cy = 0; cy < rows / 2; cy++) {
            for (int cx = 0; cx < half; cx++) {
                int opacity = 0;
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int x = 2 * cx + dx;
                        int y = 2 * cy + dy;
                        int pixel = overlay.pixel(left + x, top + y);
                        int a = pixel >>> 24;
                        int pr = (pixel >> 16) & 0xff;
                        int pg = (pixel >> 8) & 0xff;
                        int pb = pixel & 0xff;
                        luma[y * cols + x] = (byte) (a == 0 ? 0 : Bt601.y(pr, pg, pb));
                        lumaAlpha[y * cols + x] = (byte) a;
                        opacity += a;
                        r += pr * a;
                        g += pg * a;
                        b += pb * a;
                    }
                }
                int block = cy * half + cx;
                if (opacity > 0) {
                    int rounding = opacity / 2;
                    int mr = (r + rounding) / opacity;
                    int mg = (g + rounding) / opacity;
                    int mb = (b + rounding) / opacity;
                    blue[block] = (byte) Bt601.u(mr, mg, mb);
                    red[block] = (byte) Bt601.v(mr, mg, mb);
                }
                chromaAlpha[block] = (byte) ((opacity + 2) >> 2);
            }
        }
        return new CaptionPlanes(top, left, Mix.of(luma, lumaAlpha, cols), Mix.of(blue, chromaAlpha, half),
                Mix.of(red, chromaAlpha, half));
    }

    /** Blends the page over {@code frame} (same size as it was made for). */
    void drawOnto(YuvFrame frame) {
        byte[] out = frame.data();
        int width = frame.width();
        lumaMix.blend(out, top * width + left, width);
        int chromaStart = (top / 2) * (width / 2) + left / 2;
        blueMix.blend(out, frame.uOffset() + chromaStart, width / 2);
        redMix.blend(out, frame.vOffset() + chromaStart, width / 2);
    }

    /**
     * One plane of the page ready to blend per frame with a multiply, an add and a shift: each sample's
     * colour premultiplied by its opacity (of 256, plus the rounding half) and the share of the frame
     * kept under it. Worked out once per page, so no division per pixel per frame. A transparent sample
     * (kept 256, colour 128) gives back the frame's own value, so the blend needs no test per sample.
     */
    private record Mix(char[] premultiplied, char[] keep, int cols) {

        static Mix of(byte[] over, byte[] alpha, int cols) {
            char[] premultiplied = new char[over.length];
            char[] keep = new char[over.length];
            for (int i = 0; i < over.length; i++) {
                int opacity = ((alpha[i] & 0xff) * 256 + 127) / 255;
                premultiplied[i] = (char) ((over[i] & 0xff) * opacity + 128);
                keep[i] = (char) (256 - opacity);
            }
            return new Mix(premultiplied, keep, cols);
        }

        /** Blends the plane's rows into {@code out} from {@code offset}, one every {@code stride} samples. */
        void blend(byte[] out, int offset, int stride) {
            char[] over = premultiplied;
            char[] under = keep;
            int rows = cols == 0 ? 0 : over.length / cols;
            for (int row = 0; row < rows; row++) {
                int o = offset + row * stride;
                int s = row * cols;
                for (int i = 0; i < cols; i++) {
                    out[o + i] = (byte) (((out[o + i] & 0xff) * under[s + i] + over[s + i]) >> 8);
                }
            }
        }
    }
}
