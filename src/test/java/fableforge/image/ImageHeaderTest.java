package fableforge.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {

    @Test
    void pngAndJpegSizesComeFromTheirHeaders() throws Exception {
        assertThat(ImageHeader.read(encode("png", 37, 21))).contains(new ImageHeader("image/png", 37, 21));
        assertThat(ImageHeader.read(encode("jpg", 64, 40))).contains(new ImageHeader("image/jpeg", 64, 40));
    }

    @Test
    void webpSizesComeFromEachOfItsThreeChunkKinds() {
        byte[] lossy = riff("VP8 ", new byte[] {0, 0, 0, (byte) 0x9d, 0x01, 0x2a, (byte) 0x00, 0x04, (byte) 0x00, 0x06});
        // VP8L: signature 0x2f, then 14 bits width-1 and 14 bits height-1, little-endian.
        int bits = (1535) | (1023 << 14);
        byte[] lossless = riff("VP8L", new byte[] {0x2f, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24), 0, 0, 0, 0, 0});
        byte[] extended = riff("VP8X", new byte[] {0, 0, 0, 0, (byte) 0xff, 0x03, 0x00, (byte) 0xff, 0x05, 0x00});

        assertThat(ImageHeader.read(lossy)).contains(new ImageHeader("image/webp", 1024, 1536));
        assertThat(ImageHeader.read(lossless)).contains(new ImageHeader("image/webp", 1536, 1024));
        assertThat(ImageHeader.read(extended)).contains(new ImageHeader("image/webp", 1024, 1536));
    }

    @Test
    void bytesThatAreNoImageOrCutShortHaveNoHeader() throws Exception {
        assertThat(ImageHeader.read("<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ImageHeader.read(java.util.Arrays.copyOf(encode("png", 8, 8), 20))).isEmpty();
        assertThat(ImageHeader.read(new byte[0])).isEmpty();
    }

    @Test
    void aProviderImageClaimingMoreThanFortyMillionPixelsIsRefusedBeforeAnythingDecodesIt() throws Exception {
        byte[] huge = claimingSize(encode("png", 8, 8), 50_000, 50_000);

        assertThatThrownBy(() -> ImageHeader.ofProviderImage(huge, "OpenAI"))
                .isInstanceOfSatisfying(fableforge.provider.ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(fableforge.provider.ProviderError.Transient.class);
                    assertThat(e.error().message()).contains("OpenAI's image claims 50000x50000 pixels", "40000000");
                });
        assertThat(ImageHeader.ofProviderImage(encode("png", 1080, 1920), "OpenAI")).isEqualTo(new ImageHeader("image/png", 1080, 1920));
        assertThatThrownBy(() -> ImageHeader.ofProviderImage("<html>".getBytes(StandardCharsets.UTF_8), "Gemini"))
                .hasMessageContaining("Gemini's answer held 6 bytes that are not a PNG, JPEG or WebP image");
    }

    /** A PNG whose header claims another size (its checksum then wrong, which decoders meet only after allocating). */
    static byte[] claimingSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        java.nio.ByteBuffer.wrap(patched).putInt(16, width).putInt(20, height);
        return patched;
    }

    private static byte[] encode(String format, int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    private static byte[] riff(String chunk, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0, 0, 0, 0});
        out.writeBytes(("WEBP" + chunk).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) payload.length, 0, 0, 0});
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
