package fableforge.video;

/**
 * One frame in the encoder's own pixel format, YUV 4:2:0 (BT.601, limited range: what FFmpeg's
 * swscale makes of BGR by default): a full-size luma plane, then the two quarter-size chroma planes,
 * in one array. Composing here rather than in BGR halves the bytes to sample and blend, and the
 * encoder takes the planes as they are, with no colour conversion per frame.
 */
final class YuvFrame {

    private final FrameSize size;
    private final byte[] data;

    YuvFrame(FrameSize size) {
        this.size = size;
        this.data = new byte[size.width() * size.height() * 3 / 2];
    }

    FrameSize size() {
        return size;
    }

    int width() {
        return size.width();
    }

    int height() {
        return size.height();
    }

    /** Y, then U, then V, each plane row by row without padding. */
    /** Writes the whole frame, its three planes one after the other (raw YUV 4:2:0, as FFmpeg reads it), to {@code out}. */
    void writeTo(java.nio.channels.WritableByteChannel out) throws java.io.IOException {
        java.nio.ByteBuffer whole = java.nio.ByteBuffer.wrap(data());
        while (whole.hasRemaining()) {
            out.write(whole);
        }
    }

    byte[] data() {
        return data;
    }

    int uOffset() {
        return size.width() * size.height();
    }

    int vOffset() {
        return uOffset() + size.width() * size.height() / 4;
    }

    /** Mixes {@code other} over this frame: {@code weight} 0 keeps this frame, 1 gives {@code other}. */
    void blend(YuvFrame other, double weight) {
        int w = (int) Math.round(Math.clamp(weight, 0, 1) * 256);
        byte[] theirs = other.data;
        byte[] mine = data;
        for (int i = 0; i < mine.length; i++) {
            int m = mine[i] & 0xff;
            mine[i] = (byte) (m + (((theirs[i] & 0xff) - m) * w >> 8));
        }
    }

    /** Converts a whole BGR frame (a clip that only draws BGR, e.g. a decoded provider clip) into this one. */
    void fromBgr(VideoFrame frame) {
        Bt601.planes(frame.pixels(), frame.width(), frame.height(), data, 0, uOffset(), vOffset());
    }

    /** This frame as BGR (for the benchmark's baseline, tests and thumbnails): the decoder's view of it. */
    VideoFrame toBgr() {
        VideoFrame frame = new VideoFrame(size);
        Bt601.bgr(data, width(), height(), uOffset(), vOffset(), frame.pixels());
        return frame;
    }
}
