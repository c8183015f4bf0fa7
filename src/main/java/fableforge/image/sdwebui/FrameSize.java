package fableforge.image.sdwebui;

import fableforge.story.AspectRatio;

/**
 * The pixel size Stable Diffusion draws a frame at. Checkpoints draw best near the area they were
 * trained on, so every aspect ratio keeps the area of a {@code baseSize} square (768: 9:16 is
 * 576x1024; 1024 for SDXL: 768x1344), on a 64-pixel grid: the WebUI needs multiples of 8 (the
 * VAE's factor) and SDXL's training buckets are multiples of 64.
 */
record FrameSize(int width, int height) {

    private static final int GRID = 64;

    static FrameSize of(AspectRatio ratio, int baseSize) {
        double stretch = Math.sqrt((double) ratio.width() / ratio.height());
        return new FrameSize(snap(baseSize * stretch), snap(baseSize / stretch));
    }

    private static int snap(double pixels) {
        return Math.max(GRID, (int) Math.round(pixels / GRID) * GRID);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
