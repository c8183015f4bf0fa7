package fableforge.video;

/**
 * A camera move over one still: the framing at the start and at the end, each given as a zoom (1 =
 * the largest frame-shaped window that fits in the picture) and where that window sits in the room
 * left around it (0 = left/top edge, 0.5 = centred, 1 = right/bottom edge), and the easing between.
 */
public record CameraMove(Framing from, Framing to, Easing easing) {

    /** One framing: {@code zoom} ≥ 1, {@code x} and {@code y} in [0, 1]. */
    public record Framing(double zoom, double x, double y) {
        public Framing {
            if (!(zoom >= 1) || x < 0 || x > 1 || y < 0 || y > 1) {
                throw new IllegalArgumentException("framing out of range: zoom " + zoom + ", x " + x + ", y " + y);
            }
        }

        /** This framing's window in a {@code sourceWidth × sourceHeight} picture, for frames of {@code frameAspect}. */
        Crop window(double sourceWidth, double sourceHeight, double frameAspect) {
            double fullWidth = Math.min(sourceWidth, sourceHeight * frameAspect);
            double width = fullWidth / zoom;
            double height = width / frameAspect;
            return new Crop((sourceWidth - width) * x, (sourceHeight - height) * y, width, height);
        }
    }

    public double maxZoom() {
        return Math.max(from.zoom(), to.zoom());
    }

    /**
     * The window shown at {@code progress} (0 = first frame, 1 = last). Every edge moves along a
     * straight line at a speed that follows the easing curve, so the motion never reverses or steps.
     */
    public Crop cropAt(double progress, double sourceWidth, double sourceHeight, double frameAspect) {
        return Crop.between(from.window(sourceWidth, sourceHeight, frameAspect),
                to.window(sourceWidth, sourceHeight, frameAspect), easing.apply(progress));
    }
}
