package fableforge.video;

import java.awt.geom.Rectangle2D;
import java.util.Optional;

/**
 * Bends a beat's camera move so the subject (the hero) stays whole in every frame. Each frame's
 * window is the two end windows mixed edge by edge with one weight, so when both end windows contain
 * the subject's box every window between does too: only the two ends need fixing. Each end keeps
 * its zoom as far as the box still fits, and moves as little as it must to take the box in.
 * Without a known subject the move is tamed instead: little zoom, near the centre.
 *
 * <p>With captions, each end also keeps the box clear of the caption band where the picture allows:
 * the hero in the rows above a bottom band (or below a top one), zooming in up to
 * {@link MotionPlan#MAX_ZOOM} if that is what it takes. Those conditions are linear in the window's
 * edges too, so they also hold for every window between the two ends. Clearing is by rows: a box wider
 * than the widest window is centred in it, as without captions. Where no window clears the band, each end
 * is the window that covers least of the box while holding it.
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

    /** As {@link #fit(CameraMove, double, double, double, Optional)}, keeping the subject clear of the caption {@code band} where it can. */
    static CameraMove fit(CameraMove move, double width, double height, double frameAspect, Optional<Rectangle2D> subject,
                          CaptionBand band) {
        if (subject.isEmpty()) {
            return fit(move, width, height, frameAspect, subject);
        }
        Rectangle2D box = padded(subject.get(), width, height);
        return new CameraMove(clearOrLeastCovered(move.from(), box, width, height, frameAspect, band),
                clearOrLeastCovered(move.to(), box, width, height, frameAspect, band), move.easing());
    }

    /** Whether some window (zoom up to {@link MotionPlan#MAX_ZOOM}) holds {@code box} clear of {@code band}. */
    static boolean canClear(Rectangle2D box, double width, double height, double frameAspect, CaptionBand band) {
        return clear(new CameraMove.Framing(1, 0.5, 0.5), box, width, height, frameAspect, band).isPresent();
    }

    private static CameraMove.Framing clearOrLeastCovered(CameraMove.Framing framing, Rectangle2D box, double width, double height,
                                                          double frameAspect, CaptionBand band) {
        return clear(framing, box, width, height, frameAspect, band)
                .orElseGet(() -> leastCovered(framing, box, width, height, frameAspect, band));
    }

    /**
     * The framing nearest {@code framing} whose window holds {@code box} within the band's clear rows: its
     * height is the wanted one moved into the range that works (tall enough for the box in the clear rows
     * and across, short enough that the rows below, or above, the box fit in the picture), then the window is
     * slid the least distance that takes the box in. A box wider than the widest window gets that window,
     * centred on it, as {@link #contain} does. Empty when no zoom up to the limit clears the rows.
     */
    static Optional<CameraMove.Framing> clear(CameraMove.Framing framing, Rectangle2D box, double width, double height,
                                              double frameAspect, CaptionBand band) {
        double fullWidth = Math.min(width, height * frameAspect);
        double fullHeight = fullWidth / frameAspect;
        double from = band.clearFrom();
        double to = band.clearTo();
        // Across, a box wider than the widest window is shown as contain shows it (that window, centred on the box):
        // clearing the band is a matter of rows, so such a box must not make every band look impossible to clear.
        double across = Math.min(fullHeight, box.getWidth() / frameAspect);
        double shortest = Math.max(fullHeight / MotionPlan.MAX_ZOOM, Math.max(across, box.getHeight() / (to - from)));
        double tallest = fullHeight;
        if (to < 1) {
            tallest = Math.min(tallest, (height - box.getMaxY()) / (1 - to));
        }
        if (from > 0) {
            tallest = Math.min(tallest, box.getMinY() / from);
        }
        if (shortest > tallest + 1e-9) {
            return Optional.empty();
        }
        double windowHeight = Math.clamp(fullHeight / framing.zoom(), shortest, Math.max(shortest, tallest));
        double windowWidth = windowHeight * frameAspect;
        double zoom = Math.max(1, fullHeight / windowHeight);
        double x = place(framing.x(), box.getMinX(), box.getMaxX(), windowWidth, width);
        double room = height - windowHeight;
        if (room <= 1e-9) {
            return Optional.of(new CameraMove.Framing(zoom, x, framing.y()));
        }
        double lowest = Math.max(0, box.getMaxY() - to * windowHeight);
        double highest = Math.min(room, box.getMinY() - from * windowHeight);
        double y = Math.clamp(framing.y() * room, lowest, Math.max(lowest, highest));
        return Optional.of(new CameraMove.Framing(zoom, x, Math.clamp(y / room, 0.0, 1.0)));
    }

    /**
     * Where no window clears the band: the window that covers least of the box while holding it, at the
     * beat's place across. For a bottom band that is the window whose top row is the box's and whose bottom
     * row is the picture's (taller would cut the box's top or leave the picture, shorter would raise the band
     * into the box), held to the zoom limits and to the box's size; a top band mirrors it. So the band covers
     * the box's feet, as little of them as the picture allows; the beat's zoom gives way, as a covered hero
     * is worse than a stiller camera.
     */
    private static CameraMove.Framing leastCovered(CameraMove.Framing framing, Rectangle2D box, double width, double height,
                                                   double frameAspect, CaptionBand band) {
        double fullWidth = Math.min(width, height * frameAspect);
        double fullHeight = fullWidth / frameAspect;
        double shortest = Math.max(fullHeight / MotionPlan.MAX_ZOOM,
                Math.min(fullHeight, Math.max(box.getWidth() / frameAspect, box.getHeight())));
        double best = band.placement() == CaptionPlacement.BOTTOM ? height - box.getMinY() : box.getMaxY();
        double windowHeight = Math.clamp(best, shortest, fullHeight);
        double zoom = Math.max(1, fullHeight / windowHeight);
        double x = place(framing.x(), box.getMinX(), box.getMaxX(), windowHeight * frameAspect, width);
        double room = height - windowHeight;
        if (room <= 1e-9) {
            return new CameraMove.Framing(zoom, x, framing.y());
        }
        double lowest = Math.max(0, box.getMaxY() - windowHeight);
        double highest = Math.min(room, box.getMinY());
        double wanted = band.placement() == CaptionPlacement.BOTTOM
                ? box.getMaxY() - band.clearTo() * windowHeight
                : box.getMinY() - band.clearFrom() * windowHeight;
        double y = lowest > highest ? (box.getMinY() + box.getMaxY() - windowHeight) / 2 : Math.clamp(wanted, lowest, highest);
        return new CameraMove.Framing(zoom, x, Math.clamp(y / room, 0.0, 1.0));
    }

    private static CameraMove.Framing gentle(CameraMove.Framing framing) {
        return new CameraMove.Framing(Math.min(framing.zoom(), GENTLE_ZOOM),
                Math.clamp(framing.x(), 0.5 - GENTLE_RANGE, 0.5 + GENTLE_RANGE),
                Math.clamp(framing.y(), 0.5 - GENTLE_RANGE, 0.5 + GENTLE_RANGE));
    }

    /** The box grown by the margin, then cut to the picture. */
    static Rectangle2D padded(Rectangle2D box, double width, double height) {
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
