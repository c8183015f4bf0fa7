package fableforge.video;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
        if (request.picture().isPresent()) {
            Rectangle area = request.picture().get().intersection(new Rectangle(still.getWidth(), still.getHeight()));
            if (area.width >= 16 && area.height >= 16) {
                still = still.getSubimage(area.x, area.y, area.width, area.height);
            }
        }
        CameraMove move = plan.moveFor(request.scene(), request.seconds());
        return new MovingStill(MotionRenderer.prepare(still, request.size(), move.maxZoom()), move, request.frameCount(),
                request.size().aspect());
    }

    /** A still under a moving camera; any frame can be drawn in any order. */
    static final class MovingStill implements SceneClip {
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

        /** The window shown in frame {@code index}, in prepared-source pixels. */
        Crop cropAt(int index) {
            double progress = frameCount == 1 ? 0 : index / (double) (frameCount - 1);
            return move.cropAt(progress, renderer.sourceWidth(), renderer.sourceHeight(), aspect);
        }

        @Override
        public void render(int index, VideoFrame target) {
            renderer.render(cropAt(index), target);
        }
    }
}
