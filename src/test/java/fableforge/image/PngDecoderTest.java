package fableforge.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG reader gives exactly what ImageIO gives, whichever path it takes. */
class PngDecoderTest {

    private static final int WIDTH = 61;
    private static final int HEIGHT = 23;

    @Test
    void everyRowFilterIsUndoneToImageIosPixels() throws Exception {
        byte[] png = png(rgbSamples(WIDTH, HEIGHT, 11), WIDTH, HEIGHT, 2, new String[0]);

        BufferedImage decoded = PngDecoder.read(png);
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR).isEqualTo(expected.getType());
        assertThat(bgr(decoded)).isEqualTo(bgr(expected));
    }

    @Test
    void thePngsTheIllustratorStoresReadAsImageIoReadsThem() throws Exception {
        BufferedImage picture = new BufferedImage(317, 211, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(3);
        for (int y = 0; y < 211; y++) {
            for (int x = 0; x < 317; x++) {
                picture.setRGB(x, y, (x * 255 / 317) << 16 | (y * 255 / 211) << 8 | random.nextInt(256));
            }
        }
        byte[] png = PngEncoder.encode(picture);

        assertThat(bgr(PngDecoder.read(png))).isEqualTo(bgr(ImageIO.read(new ByteArrayInputStream(png))));
    }

    @Test
    void otherFormatsAndLayoutsAreLeftToImageIo() throws Exception {
        BufferedImage grey = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 30, 20, 0, new SplittableRandom(5).ints(600, 0, 256).toArray());
        byte[] greyPng = written(grey, "png");
        byte[] jpeg = written(grey, "jpg");
        byte[] withTransparentColour = png(rgbSamples(WIDTH, HEIGHT, 12), WIDTH, HEIGHT, 1, new String[] {"tRNS"});

        for (byte[] image : new byte[][] {greyPng, jpeg, withTransparentColour}) {
            BufferedImage expected = ImageIO.read(new ByteArrayInputStream(image));
            BufferedImage decoded = PngDecoder.read(image);
            assertThat(decoded.getType()).isEqualTo(expected.getType());
            assertThat(decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth()))
                    .isEqualTo(expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()));
        }
        assertThat(PngDecoder.read("not an image".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void aCutShortPngFailsAsImageIoFails() throws Exception {
        byte[] png = png(rgbSamples(WIDTH, HEIGHT, 13), WIDTH, HEIGHT, 2, new String[0]);
        byte[] cut = Arrays.copyOf(png, png.length / 2);

        assertThat(outcome(() -> PngDecoder.read(cut))).isEqualTo(outcome(() -> ImageIO.read(new ByteArrayInputStream(cut))));
    }

    private interface Read {
        BufferedImage read() throws IOException;
    }

    /** The pixels read, or the kind of failure. */
    private static String outcome(Read read) {
        try {
            BufferedImage image = read.read();
            return image == null ? "null" : Arrays.toString(bgr(image));
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName();
        }
    }

    private static byte[] rgbSamples(int width, int height, long seed) {
        byte[] samples = new byte[width * height * 3];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < samples.length; i++) {
            // Smooth ramps with noise, so every filter has neighbours worth predicting from.
            samples[i] = (byte) ((i % (width * 3)) * 2 + (i / (width * 3)) * 5 + random.nextInt(40));
        }
        return samples;
    }

    /**
     * An 8-bit truecolour PNG whose rows cycle through filter types 0 to 4 (starting at
     * {@code firstFilter}), with an empty chunk of each type in {@code extraChunks} before the data.
     */
    private static byte[] png(byte[] rgb, int width, int height, int firstFilter, String[] extraChunks) throws IOException {
        int stride = width * 3;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] above = new byte[stride];
        for (int y = 0; y < height; y++) {
            byte[] row = Arrays.copyOfRange(rgb, y * stride, (y + 1) * stride);
            int filter = (firstFilter + y) % 5;
            raw.write(filter);
            for (int i = 0; i < stride; i++) {
                int left = i < 3 ? 0 : row[i - 3] & 0xff;
                int up = above[i] & 0xff;
                int upLeft = i < 3 ? 0 : above[i - 3] & 0xff;
                int predicted = switch (filter) {
                    case 0 -> 0;
                    case 1 -> left;
                    case 2 -> up;
                    case 3 -> (left + up) / 2;
                    default -> paeth(left, up, upLeft);
                };
                raw.write((row[i] & 0xff) - predicted);
            }
            above = row;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(6))) {
            raw.writeTo(deflate);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        for (String extra : extraChunks) {
            chunk(out, extra, new byte[] {0, 1, 0, 2, 0, 3});
        }
        byte[] data = compressed.toByteArray();
        // Two IDAT chunks: the reader must join them.
        chunk(out, "IDAT", Arrays.copyOf(data, data.length / 2));
        chunk(out, "IDAT", Arrays.copyOfRange(data, data.length / 2, data.length));
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static int paeth(int left, int up, int upLeft) {
        int estimate = left + up - upLeft;
        int toLeft = Math.abs(estimate - left);
        int toUp = Math.abs(estimate - up);
        int toUpLeft = Math.abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(body.length);
        out.write(name);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }

    private static byte[] written(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static byte[] bgr(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getRaster().setRect(image.getRaster());
        return ((java.awt.image.DataBufferByte) copy.getRaster().getDataBuffer()).getData();
    }
}
