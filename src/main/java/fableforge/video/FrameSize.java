package fableforge.video;

import fableforge.story.AspectRatio;

/** The pixel size of a video. Both sides are even, as H.264 with 4:2:0 chroma requires. */
public record FrameSize(int width, int height) {

    public FrameSize {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("a video frame needs even sides of at least 16 px, not " + width + "x" + height);
        }
    }

    /** The story's full size: 1080×1920 for 9:16, 1920×1080 for 16:9, 1080×1080 for 1:1. */
    public static FrameSize of(AspectRatio aspect) {
        return new FrameSize(aspect.width(), aspect.height());
    }

    /** The same shape with the short side at {@code shortSide} pixels (rounded to even), e.g. 480 for a draft. */
    public static FrameSize scaled(AspectRatio aspect, int shortSide) {
        double scale = shortSide / (double) Math.min(aspect.width(), aspect.height());
        return new FrameSize(even(aspect.width() * scale), even(aspect.height() * scale));
    }

    private static int even(double pixels) {
        return 2 * (int) Math.round(pixels / 2);
    }

    public double aspect() {
        return width / (double) height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
