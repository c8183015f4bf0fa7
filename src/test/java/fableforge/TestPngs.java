package fableforge;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG bytes for tests and fakes: a picture encoded, or a blank one of a size. */
public final class TestPngs {

    private TestPngs() {
    }

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A black PNG of {@code width × height}. */
    public static byte[] blank(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    }
}
