package fableforge.video;

/**
 * A caption page ready to lay over a {@link YuvFrame}: its luma and alpha per pixel and its chroma and
 * mean alpha per 2×2 block, over the band's rows only. Made once per page from the BGR
 * {@link CaptionOverlay} by laying it over black and over white: the two results give back each
 * pixel's opacity and colour whatever way the overlay was drawn.
 */
final class CaptionPlanes {

    private final int top;
    private final int width;
    private final Mix lumaMix;
    private final Mix blueMix;
    private final Mix redMix;

    private CaptionPlanes(int top, int width, byte[] luma, byte[] lumaAlpha, byte[] blue, byte[] red, byte[] chromaAlpha) {
        this.top = top;
        this.width = width;
        this.lumaMix = Mix.of(luma, lumaAlpha);
        this.blueMix = Mix.of(blue, chromaAlpha);
        this.redMix = Mix.of(red, chromaAlpha);
    }

    static CaptionPlanes of(CaptionOverlay overlay, FrameSize size) {
        int width = size.width();
        int top = Math.max(0, overlay.top() & ~1);
        int bottom = Math.min(size.height(), (overlay.bottom() + 1) & ~1);
        int rows = Math.max(0, bottom - top);
        // Only the band's rows: a page is made per cue, and per word in the words style.
        FrameSize strip = new FrameSize(width, Math.max(16, rows));
        VideoFrame onBlack = new VideoFrame(strip);
        VideoFrame onWhite = new VideoFrame(strip);
        java.util.Arrays.fill(onWhite.pixels(), (byte) 0xff);
        overlay.drawOnto(onBlack, top, 1);
        overlay.drawOnto(onWhite, top, 1);
        byte[] black = onBlack.pixels();
        byte[] white = onWhite.pixels();
        byte[] colour = new byte[rows * width * 3];
        int[] alpha = new int[rows * width];
        for (int i = 0; i < rows * width; i++) {
            int at = i * 3;
            int a = 0;
            for (int c = 0; c < 3; c++) {
                a += 255 - ((white[at + c] & 0xff) - (black[at + c] & 0xff));
            }
            a = Math.clamp(Math.round(a / 3f), 0, 255);
            alpha[i] = a;
            for (int c = 0; c < 3; c++) {
                colour[i * 3 + c] = (byte) (a == 0 ? 0 : Math.min(255, ((black[at + c] & 0xff) * 255 + a / 2) / a));
            }
        }
        byte[] planes = new byte[rows * width * 3 / 2];
        Bt601.planes(colour, width, rows, planes, 0, rows * width, rows * width + rows * width / 4);
        byte[] lumaAlpha = new byte[rows * width];
        byte[] chromaAlpha = new byte[rows * width / 4];
        for (int i = 0; i < alpha.length; i++) {
            lumaAlpha[i] = (byte) alpha[i];
        }
        int half = width / 2;
        for (int cy = 0; cy < rows / 2; cy++) {
            for (int cx = 0; cx < half; cx++) {
                int a = 2 * cy * width + 2 * cx;
                chromaAlpha[cy * half + cx] = (byte) ((alpha[a] + alpha[a + 1] + alpha[a + width] + alpha[a + width + 1] + 2) >> 2);
            }
        }
        byte[] luma = java.util.Arrays.copyOfRange(planes, 0, rows * width);
        byte[] blue = java.util.Arrays.copyOfRange(planes, rows * width, rows * width + rows * width / 4);
        byte[] red = java.util.Arrays.copyOfRange(planes, rows * width + rows * width / 4, planes.length);
        return new CaptionPlanes(top, width, luma, lumaAlpha, blue, red, chromaAlpha);
    }

    /** Blends the page over {@code frame} (same size as it was made for). */
    void drawOnto(YuvFrame frame) {
        byte[] out = frame.data();
        lumaMix.blend(out, top * width);
        int chromaStart = (top / 2) * (width / 2);
        blueMix.blend(out, frame.uOffset() + chromaStart);
        redMix.blend(out, frame.vOffset() + chromaStart);
    }

    /**
     * One plane of the page ready to blend per frame with a multiply, an add and a shift: each sample's
     * colour premultiplied by its opacity (of 256, plus the rounding half) and the share of the frame
     * kept under it. Worked out once per page, so no division per pixel per frame; a sample kept whole
     * (transparent) is skipped.
     */
    private record Mix(char[] premultiplied, char[] keep) {

        static Mix of(byte[] over, byte[] alpha) {
            char[] premultiplied = new char[over.length];
            char[] keep = new char[over.length];
            for (int i = 0; i < over.length; i++) {
                int opacity = ((alpha[i] & 0xff) * 256 + 127) / 255;
                premultiplied[i] = (char) ((over[i] & 0xff) * opacity + 128);
                keep[i] = (char) (256 - opacity);
            }
            return new Mix(premultiplied, keep);
        }

        void blend(byte[] out, int offset) {
            char[] over = premultiplied;
            char[] under = keep;
            for (int i = 0; i < over.length; i++) {
                int kept = under[i];
                if (kept != 256) {
                    out[offset + i] = (byte) (((out[offset + i] & 0xff) * kept + over[i]) >> 8);
                }
            }
        }
    }
}
