package fableforge.video;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/** The built-in clip maker: a camera move over the still (pan and zoom with easing), chosen per beat. */
public final class LocalMotionClips implements VideoClipGenerator {

    private final MotionPlan plan;

    public LocalMotionClips(MotionPlan plan) {
        this.plan = plan;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public SceneClip clip(ClipRequest request) throws IOException {
        BufferedImage still = ImageIO.read(new ByteArrayInputStream(request.still()));
        if (still == null) {
            throw new IOException("scene " + request.scene().number() + ": the image is not a PNG or JPEG file");
        }
        Rectangle area = cameraArea(new Rectangle(still.getWidth(), still.getHeight()), request.picture());
        if (area.width != still.getWidth() || area.height != still.getHeight()) {
            still = still.getSubimage(area.x, area.y, area.width, area.height);
        }
        Optional<Rectangle2D> subject = subject(request, area, still);
        double aspect = request.size().aspect();
        // The captions' place follows the same rule as in the timeline (CaptionPlacement.of), so the camera clears the band they use.
        Optional<CaptionBand> band = request.captioned()
                ? Optional.of(CaptionBand.of(request.size(), CaptionPlacement.choose(still.getWidth(), still.getHeight(), request.size(), subject)))
                : Optional.empty();
        CameraMove move = plan.moveFor(request.scene(), request.seconds(), still.getWidth(), still.getHeight(), aspect, subject, band);
        MotionRenderer renderer = MotionRenderer.prepare(still, request.size(), move.maxZoom());
        // Planned again in the prepared still's own pixels (even sides, maybe halved), so its windows hold the box exactly.
        double sx = renderer.sourceWidth() / (double) still.getWidth();
        double sy = renderer.sourceHeight() / (double) still.getHeight();
        Optional<Rectangle2D> scaled = subject.map(box -> new Rectangle2D.Double(box.getX() * sx, box.getY() * sy,
                box.getWidth() * sx, box.getHeight() * sy));
        move = plan.moveFor(request.scene(), request.seconds(), renderer.sourceWidth(), renderer.sourceHeight(), aspect, scaled, band);
        return new MovingStill(renderer, move, request.frameCount(), aspect);
    }

    /**
     * Where the hero is in the part of the still the camera may show: as the image generator reported it,
     * else as {@link SubjectEstimate} guesses it, else unknown.
     */
    static Optional<Rectangle2D> subject(ClipRequest request, Rectangle area, BufferedImage picture) {
        if (request.subject().isPresent()) {
            return subjectIn(request.subject().get(), area);
        }
        return SubjectEstimate.of(picture);
    }

    /** The part of an image of {@code image}'s size the camera may show: the reported picture inside it, if big enough, else all. */
    static Rectangle cameraArea(Rectangle image, Optional<Rectangle> picture) {
        if (picture.isPresent()) {
            Rectangle inside = picture.get().intersection(image);
            if (inside.width >= 16 && inside.height >= 16) {
                return inside;
            }
        }
        return image;
    }

    /** A reported hero box (image pixels) as seen within {@code area}, in the area's own pixels; empty if outside it. */
    static Optional<Rectangle2D> subjectIn(Rectangle subject, Rectangle area) {
        Rectangle inside = subject.intersection(area);
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rectangle2D.Double(inside.x - area.x, inside.y - area.y, inside.width, inside.height));
    }

    /** A still under a moving camera; any frame can be drawn in any order. */
    static final class MovingStill implements YuvClip {
        private final MotionRenderer renderer;
        private final CameraMove move;
        private final int frameCount;
        private final double aspect;

        MovingStill(MotionRenderer renderer, CameraMove move, int frameCount, double aspect) {
            this.renderer = renderer;
            this.move = move;
            this.frameCount = frameCount;
            this.aspect = aspect;
        }

        @Override
        public int frameCount() {
            return frameCount;
        }

        /** Width of the prepared still, in the pixels of {@link #cropAt}. */
        int sourceWidth() {
            return renderer.sourceWidth();
        }

        int sourceHeight() {
            return renderer.sourceHeight();
        }

        /** The window shown in frame {@code index}, in prepared-source pixels. */
        Crop cropAt(int index) {
            double progress = frameCount == 1 ? 0 : index / (double) (frameCount - 1);
            return move.cropAt(progress, renderer.sourceWidth(), renderer.sourceHeight(), aspect);
        }

        @Override
        public void render(int index, VideoFrame target) {
            renderer.render(cropAt(index), target);
        }

        @Override
        public void render(int index, YuvFrame target) {
            renderer.render(cropAt(index), target);
        }

        @Override
        public void render(int index, YuvFrame target, double opacity) {
            renderer.render(cropAt(index), target, opacity);
        }
    }
}
