package fableforge.video.remote;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.Scene;
import fableforge.video.ClipRequest;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The still as a service gets it: as it is when it is all picture, cropped to its picture, JPEG when too big. */
class StillUploadTest {

    private static ClipRequest request(Optional<Rectangle> picture) {
        return new ClipRequest("story-1", Scene.of(1, "A fox."), ClipRequests.still(1), picture, 30, ClipRequests.SIZE, 30);
    }

    @Test
    void aStillThatIsAllPictureGoesAsItIs() throws Exception {
        StillUpload upload = StillUpload.of(request(Optional.empty()), 10_000_000);

        assertThat(upload.bytes()).isEqualTo(ClipRequests.still(1));
        assertThat(upload.dataUri()).startsWith("data:image/png;base64,");
    }

    @Test
    void aFramedStillGoesAsItsPictureOnly() throws Exception {
        StillUpload upload = StillUpload.of(request(Optional.of(new Rectangle(20, 40, 320, 560))), 10_000_000);

        var image = ImageIO.read(new ByteArrayInputStream(upload.bytes()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(560);
        assertThat(upload.mimeType()).isEqualTo("image/png");
    }

    @Test
    void aStillOverTheLimitGoesAsJpeg() throws Exception {
        // Noise: about 500 KB as PNG, well under 300 KB as JPEG.
        BufferedImage noise = new BufferedImage(360, 640, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 640; y++) {
            for (int x = 0; x < 360; x++) {
                noise.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(noise, "png", png);
        ClipRequest request = new ClipRequest("story-1", Scene.of(1, "A fox."), png.toByteArray(), Optional.empty(), 30, ClipRequests.SIZE, 30);

        StillUpload upload = StillUpload.of(request, 300_000);

        assertThat(png.size()).isGreaterThan(300_000);
        assertThat(upload.mimeType()).isEqualTo("image/jpeg");
        assertThat(upload.bytes().length).isLessThanOrEqualTo(300_000);
        assertThat(upload.dataUri()).startsWith("data:image/jpeg;base64,");
    }
}
