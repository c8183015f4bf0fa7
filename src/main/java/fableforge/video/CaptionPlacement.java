package fableforge.video;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Where a scene's captions sit: at the bottom of the platform's safe area, the usual place, or at its
 * top. A scene's captions go to the top only when the camera cannot keep the hero clear above the
 * bottom band but can below the top one: the offline illustrator (like most pictures of an animal)
 * stands its hero on the ground in the lower half, where a bottom caption would cover its body. One
 * rule, {@link #choose}, decides for both the camera (which frames the hero clear of that band) and
 * the captions, so they always agree.
 */
public enum CaptionPlacement {
    BOTTOM, TOP;

    /**
     * The placement for a picture of {@code width × height} (the part the camera may show) in frames of
     * {@code size}, with the hero's box in it: bottom when the hero can be framed clear above the bottom
     * band, else top when it can be framed clear below the top band, else bottom (a band that must cover
     * part of the hero covers its feet rather than its head, as little of them as the camera can). Bottom
     * when the hero is not known.
     */
    static CaptionPlacement choose(double width, double height, FrameSize size, Optional<Rectangle2D> subject) {
        if (subject.isEmpty()) {
            return BOTTOM;
        }
        Rectangle2D box = SubjectFraming.padded(subject.get(), width, height);
        if (SubjectFraming.canClear(box, width, height, size.aspect(), CaptionBand.of(size, BOTTOM))) {
            return BOTTOM;
        }
        return SubjectFraming.canClear(box, width, height, size.aspect(), CaptionBand.of(size, TOP)) ? TOP : BOTTOM;
    }

    /**
     * The placement of {@code still}'s captions in frames of {@code size}, as {@link LocalMotionClips} decides
     * it for its camera: from the reported hero box (reading only the image's size), else from a
     * {@link SubjectEstimate} of the decoded picture.
     */
    static CaptionPlacement of(SceneStill still, FrameSize size) throws IOException {
        if (still.subject().isPresent()) {
            Rectangle image = imageBounds(still.image());
            Rectangle area = LocalMotionClips.cameraArea(image, still.picture());
            return choose(area.width, area.height, size, LocalMotionClips.subjectIn(still.subject().get(), area));
        }
        java.awt.image.BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(still.image()));
        if (decoded == null) {
            return BOTTOM;
        }
        Rectangle area = LocalMotionClips.cameraArea(new Rectangle(decoded.getWidth(), decoded.getHeight()), still.picture());
        java.awt.image.BufferedImage picture = area.width == decoded.getWidth() && area.height == decoded.getHeight()
                ? decoded : decoded.getSubimage(area.x, area.y, area.width, area.height);
        return choose(area.width, area.height, size, SubjectEstimate.of(picture));
    }

    /** The image's size from its header, without decoding its pixels. */
    private static Rectangle imageBounds(byte[] image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("the image is not a PNG or JPEG file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new Rectangle(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        }
    }
}
