package fableforge.video;

import fableforge.story.Beat;
import fableforge.story.Scene;
import java.awt.geom.Rectangle2D;
import java.util.Optional;

/**
 * Chooses the camera move of each scene from its beat: a calm slow drift while the hero is an
 * underdog, a push-in on discovery and transformation, faster and wider moves for the power display
 * and the challenge, a slow pull-out for the finale. Directions alternate from scene to scene so
 * consecutive shots do not all slide the same way. The pace is a speed, so a longer scene travels
 * further, up to what the picture allows.
 */
public final class MotionPlan {

    /** Zoom never goes past this: beyond it a 1080-pixel still is visibly soft. */
    static final double MAX_ZOOM = 1.3;

    public CameraMove moveFor(Scene scene, double seconds) {
        boolean flip = scene.number() % 2 == 0;
        Beat beat = scene.beat();
        return switch (beat) {
            case UNDERDOG -> pan(1.10, 0.006, 0.05, 0.5, flip, seconds, Easing.SINE_IN_OUT);
            case DISCOVERY -> push(1.0, 0.022, 0.5, 0.42, seconds, Easing.SURGE);
            case SETBACK -> pullOut(1.22, 0.012, 0.5, 0.42, 0.6, seconds);
            case TRAINING -> pan(1.14, 0.0, 0.08, 0.5, flip, seconds, Easing.SINE_IN_OUT);
            case TRANSFORMATION -> push(1.0, 0.028, 0.5, 0.45, seconds, Easing.SURGE);
            case POWER_DISPLAY -> rise(1.04, 0.04, 0.65, 0.3, seconds);
            case CHALLENGE -> pan(1.08, 0.03, 0.12, 0.5, flip, seconds, Easing.SURGE);
            case TRIUMPH -> pullOut(1.28, 0.02, 0.5, 0.3, 0.5, seconds);
        };
    }

    /**
     * The beat's move over a {@code width × height} picture, bent so the {@code subject} box (same
     * units) stays inside every frame's window, or tamed to a gentle move near the centre when the
     * subject is unknown. See {@link SubjectFraming}.
     */
    public CameraMove moveFor(Scene scene, double seconds, double width, double height, double frameAspect,
                              Optional<Rectangle2D> subject) {
        return SubjectFraming.fit(moveFor(scene, seconds), width, height, frameAspect, subject);
    }

    /**
     * As {@link #moveFor(Scene, double, double, double, double, Optional)}, also keeping the subject clear of the
     * caption {@code band} where the picture allows.
     */
    CameraMove moveFor(Scene scene, double seconds, double width, double height, double frameAspect,
                       Optional<Rectangle2D> subject, CaptionBand band) {
        return SubjectFraming.fit(moveFor(scene, seconds), width, height, frameAspect, subject, band);
    }

    /** As above with a band, or without one when no captions are drawn. */
    CameraMove moveFor(Scene scene, double seconds, double width, double height, double frameAspect,
                       Optional<Rectangle2D> subject, Optional<CaptionBand> band) {
        return band.isPresent() ? moveFor(scene, seconds, width, height, frameAspect, subject, band.get())
                : moveFor(scene, seconds, width, height, frameAspect, subject);
    }

    /** Sideways drift at {@code panPerSecond} of the room, zooming in gently. */
    private static CameraMove pan(double zoom, double zoomPerSecond, double panPerSecond, double y, boolean leftward,
                                  double seconds, Easing easing) {
        double travel = Math.min(0.8, panPerSecond * seconds);
        double start = leftward ? 0.5 + travel / 2 : 0.5 - travel / 2;
        double end = leftward ? 0.5 - travel / 2 : 0.5 + travel / 2;
        double endZoom = Math.min(MAX_ZOOM, zoom + zoomPerSecond * seconds);
        return new CameraMove(new CameraMove.Framing(zoom, start, y), new CameraMove.Framing(endZoom, end, y), easing);
    }

    /** Zooms in towards a point. */
    private static CameraMove push(double zoom, double zoomPerSecond, double x, double y, double seconds, Easing easing) {
        double endZoom = Math.min(MAX_ZOOM, zoom + zoomPerSecond * seconds);
        return new CameraMove(new CameraMove.Framing(zoom, 0.5, 0.5), new CameraMove.Framing(endZoom, x, y), easing);
    }

    /** Zooms out slowly, drifting from {@code fromY} to {@code toY}. */
    private static CameraMove pullOut(double zoom, double zoomPerSecond, double x, double fromY, double toY, double seconds) {
        double endZoom = Math.max(1.0, zoom - zoomPerSecond * seconds);
        return new CameraMove(new CameraMove.Framing(zoom, x, fromY), new CameraMove.Framing(endZoom, x, toY), Easing.SINE_IN_OUT);
    }

    /** Zooms in fast while tilting up: the hero rises in the frame. */
    private static CameraMove rise(double zoom, double zoomPerSecond, double fromY, double toY, double seconds) {
        double endZoom = Math.min(MAX_ZOOM, zoom + zoomPerSecond * seconds);
        return new CameraMove(new CameraMove.Framing(zoom, 0.5, fromY), new CameraMove.Framing(endZoom, 0.5, toY), Easing.SURGE);
    }
}
