package fableforge.video;

import fableforge.story.AspectRatio;

/**
 * The two ways a video is rendered. {@code FINAL}: the story's full size, x264 "veryfast" at CRF 20
 * (the storyboard-like pictures compress well; slower presets cost minutes for a few percent of file
 * size). {@code DRAFT}: 480 pixels on the short side, "veryfast" at CRF 30, to check the timing in
 * a fraction of the time; same timeline, captions and sound.
 */
public enum RenderQuality {
    FINAL(0, "veryfast", 20),
    DRAFT(480, "veryfast", 30);

    private final int shortSide;
    private final String preset;
    private final int crf;

    RenderQuality(int shortSide, String preset, int crf) {
        this.shortSide = shortSide;
        this.preset = preset;
        this.crf = crf;
    }

    public FrameSize frameSize(AspectRatio aspect) {
        return shortSide == 0 ? FrameSize.of(aspect) : FrameSize.scaled(aspect, shortSide);
    }

    public String preset() {
        return preset;
    }

    public int crf() {
        return crf;
    }
}
