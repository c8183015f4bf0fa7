package fableforge.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void decodesToExactlyThePixelsItWasGiven() throws Exception {
        BufferedImage picture = noise(317, 211, BufferedImage.TYPE_INT_RGB, 7);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(picture)));

        assertThat(decoded.getWidth()).isEqualTo(317);
        assertThat(decoded.getHeight()).isEqualTo(211);
        assertThat(rgb(decoded)).isEqualTo(rgb(picture));
    }

    @Test
    void startsWithThePngSignatureAndEndsWithIend() {
        byte[] png = PngEncoder.encode(noise(8, 8, BufferedImage.TYPE_INT_RGB, 1));

        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(new String(png, png.length - 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IEND");
    }

    @Test
    void otherPixelLayoutsAndSubImagesAreEncodedAsTheyLook() throws Exception {
        BufferedImage argb = noise(40, 30, BufferedImage.TYPE_INT_ARGB, 3);
        BufferedImage bgr = noise(40, 30, BufferedImage.TYPE_3BYTE_BGR, 4);
        BufferedImage sub = noise(100, 80, BufferedImage.TYPE_INT_RGB, 5).getSubimage(10, 20, 40, 30);

        for (BufferedImage picture : new BufferedImage[] {argb, bgr, sub}) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(picture)));
            assertThat(rgb(decoded)).isEqualTo(rgb(picture));
        }
    }

    @Test
    void aSmoothPictureCompresses() {
        BufferedImage gradient = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = gradient.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, 600, 400, Color.BLUE));
        g.fillRect(0, 0, 600, 400);
        g.dispose();

        assertThat(PngEncoder.encode(gradient).length).isLessThan(600 * 400 * 3 / 10);
    }

    private static BufferedImage noise(int width, int height, int type, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage picture = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                picture.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
            }
        }
        return picture;
    }

    private static int[] rgb(BufferedImage picture) {
        int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff;
        }
        return pixels;
    }
}
