package fableforge.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * One frame being composed: 8-bit BGR pixels, row by row, in a {@link BufferedImage} so Java2D can
 * draw on it and in a plain array so the motion renderer, the crossfade and the encoder can read and
 * write it without conversion.
 */
public final class VideoFrame {

    private final FrameSize size;
    private final BufferedImage image;
    private final byte[] pixels;

    public VideoFrame(FrameSize size) {
        this.size = size;
        this.image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_3BYTE_BGR);
        this.pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    public FrameSize size() {
        return size;
    }

    public int width() {
        return size.width();
    }

    public int height() {
        return size.height();
    }

    /** Blue, green, red of each pixel, {@code 3 * width} bytes a row. */
    public byte[] pixels() {
        return pixels;
    }

    public BufferedImage image() {
        return image;
    }

    /** Mixes {@code other} over this frame: {@code weight} 0 keeps this frame, 1 gives {@code other}. */
    public void blend(VideoFrame other, double weight) {
        int w = (int) Math.round(Math.clamp(weight, 0, 1) * 256);
        byte[] theirs = other.pixels;
        for (int i = 0; i < pixels.length; i++) {
            int mine = pixels[i] & 0xff;
            pixels[i] = (byte) (mine + (((theirs[i] & 0xff) - mine) * w >> 8));
        }
    }

    /** Makes this frame a copy of {@code other} (same size). */
    public void copyFrom(VideoFrame other) {
        System.arraycopy(other.pixels, 0, pixels, 0, pixels.length);
    }
}
