package fableforge.video;

import java.awt.geom.Rectangle2D;
import java.util.Optional;

/**
 * Bends a beat's camera move so the subject (the hero) stays whole in every frame. Each frame's
 * window is the two end windows mixed edge by edge with one weight, so when both end windows contain
 * the subject's box every window between does too: only the two ends need fixing. Each end keeps
 * its zoom as far as the box still fits, and moves as little as it must to take the box in.
 * Without a known subject the move is tamed instead: little zoom, near the centre.
 */
final class SubjectFraming {

    /** Room kept around the box on every side, as a share of its size: so no ear touches the edge. */
    static final double MARGIN = 0.04;
    /** An unknown subject: zoom at most this much, so most of the picture stays in view. */
    static final double GENTLE_ZOOM = 1.1;
    /** An unknown subject: the window never strays further than this from the centre (0.5). */
    static final double GENTLE_RANGE = 0.12;

    private SubjectFraming() {
    }

    /**
     * {@code move} adjusted for a picture of {@code width × height} (any unit, e.g. image pixels), frames
     * of {@code frameAspect}, and the subject box in the same unit; a gentle move around the centre when
     * there is no box.
     */
    static CameraMove fit(CameraMove move, double width, double height, double frameAspect, Optional<Rectangle2D> subject) {
        if (subject.isEmpty()) {
            return new CameraMove(gentle(move.from()), gentle(move.to()), move.easing());
        }
        Rectangle2D box = padded(subject.get(), width, height);
        return new CameraMove(contain(move.from(), box, width, height, frameAspect),
                contain(move.to(), box, width, height, frameAspect), move.easing());
    }

    private static CameraMove.Framing gentle(CameraMove.Framing framing) {
        return new CameraMove.Framing(Math.min(framing.zoom(), GENTLE_ZOOM),
                Math.clamp(framing.x(), 0.5 - GENTLE_RANGE, 0.5 + GENTLE_RANGE),
                Math.clamp(framing.y(), 0.5 - GENTLE_RANGE, 0.5 + GENTLE_RANGE));
    }

    /** The box grown by the margin, then cut to the picture. */
    private static Rectangle2D padded(Rectangle2D box, double width, double height) {
        double mx = box.getWidth() * MARGIN;
        double my = box.getHeight() * MARGIN;
        double left = Math.max(0, box.getMinX() - mx);
        double top = Math.max(0, box.getMinY() - my);
        double right = Math.min(width, box.getMaxX() + mx);
        double bottom = Math.min(height, box.getMaxY() + my);
        return new Rectangle2D.Double(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    }

    /**
     * The framing nearest {@code framing} whose window holds {@code box}: zoomed out until the box fits,
     * then slid the least distance that takes it in. A box larger than the widest window can hold is
     * centred instead (the window at zoom 1 shows as much of it as the frame's shape allows).
     */
    static CameraMove.Framing contain(CameraMove.Framing framing, Rectangle2D box, double width, double height, double frameAspect) {
        double fullWidth = Math.min(width, height * frameAspect);
        double fullHeight = fullWidth / frameAspect;
        double fitZoom = Math.min(fullWidth / Math.max(1e-9, box.getWidth()), fullHeight / Math.max(1e-9, box.getHeight()));
        double zoom = Math.max(1, Math.min(framing.zoom(), fitZoom));
        double windowWidth = fullWidth / zoom;
        double windowHeight = windowWidth / frameAspect;
        double x = place(framing.x(), box.getMinX(), box.getMaxX(), windowWidth, width);
        double y = place(framing.y(), box.getMinY(), box.getMaxY(), windowHeight, height);
        return new CameraMove.Framing(zoom, x, y);
    }

    /**
     * Where along one axis a window of {@code window} in a picture of {@code size} sits (0..1 of the room
     * left), starting from {@code wanted}: the nearest position whose window spans [{@code from}, {@code to}],
     * or the one centred on it when it cannot.
     */
    private static double place(double wanted, double from, double to, double window, double size) {
        double room = size - window;
        if (room <= 1e-9) {
            return wanted;
        }
        double start = wanted * room;
        double lowest = to - window;
        double highest = from;
        if (lowest > highest) {
            start = (from + to) / 2 - window / 2;
        } else {
            start = Math.clamp(start, lowest, highest);
        }
        return Math.clamp(start / room, 0.0, 1.0);
    }
}
