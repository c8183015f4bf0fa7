package fableforge.video;

/**
 * BGR ↔ YUV 4:2:0 with the BT.601 limited-range integer formulas FFmpeg's swscale uses by default
 * for H.264 input (Y in 16..235, U and V in 16..240, each chroma sample from the average of its 2×2
 * pixels), so composing in YUV gives the colours the BGR path gave.
 */
final class Bt601 {

    private Bt601() {
    }

    static int y(int r, int g, int b) {
        return ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
    }

    static int u(int r, int g, int b) {
        return ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
    }

    static int v(int r, int g, int b) {
        return ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
    }

    /**
     * Writes the planes of a {@code width × height} BGR picture (even sides: chroma averages whole 2×2
     * blocks; an odd last row or column is left out of chroma) into {@code out} at the given offsets,
     * chroma rows {@code width / 2} wide.
     */
    static void planes(byte[] bgr, int width, int height, byte[] out, int yOffset, int uOffset, int vOffset) {
        int half = width / 2;
        for (int row = 0; row < height; row++) {
            int in = row * width * 3;
            int o = yOffset + row * width;
            for (int col = 0; col < width; col++, in += 3) {
                out[o + col] = (byte) y(bgr[in + 2] & 0xff, bgr[in + 1] & 0xff, bgr[in] & 0xff);
            }
        }
        for (int cy = 0; cy < height / 2; cy++) {
            int top = 2 * cy * width * 3;
            int bottom = top + width * 3;
            for (int cx = 0; cx < half; cx++) {
                int a = top + 6 * cx;
                int c = bottom + 6 * cx;
                int b = (bgr[a] & 0xff) + (bgr[a + 3] & 0xff) + (bgr[c] & 0xff) + (bgr[c + 3] & 0xff);
                int g = (bgr[a + 1] & 0xff) + (bgr[a + 4] & 0xff) + (bgr[c + 1] & 0xff) + (bgr[c + 4] & 0xff);
                int r = (bgr[a + 2] & 0xff) + (bgr[a + 5] & 0xff) + (bgr[c + 2] & 0xff) + (bgr[c + 5] & 0xff);
                out[uOffset + cy * half + cx] = (byte) u((r + 2) >> 2, (g + 2) >> 2, (b + 2) >> 2);
                out[vOffset + cy * half + cx] = (byte) v((r + 2) >> 2, (g + 2) >> 2, (b + 2) >> 2);
            }
        }
    }

    /** The inverse, as a decoder shows the frame (nearest chroma), into {@code bgr}. */
    static void bgr(byte[] yuv, int width, int height, int uOffset, int vOffset, byte[] bgr) {
        int half = width / 2;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int c = (yuv[row * width + col] & 0xff) - 16;
                int d = (yuv[uOffset + (row / 2) * half + col / 2] & 0xff) - 128;
                int e = (yuv[vOffset + (row / 2) * half + col / 2] & 0xff) - 128;
                int o = (row * width + col) * 3;
                bgr[o] = clamp((298 * c + 516 * d + 128) >> 8);
                bgr[o + 1] = clamp((298 * c - 100 * d - 208 * e + 128) >> 8);
                bgr[o + 2] = clamp((298 * c + 409 * e + 128) >> 8);
            }
        }
    }

    private static byte clamp(int value) {
        return (byte) Math.clamp(value, 0, 255);
    }
}
