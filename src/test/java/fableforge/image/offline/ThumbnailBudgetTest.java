package fableforge.image.offline;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.image.GeneratedImage;
import fableforge.media.Thumbnails;
import fableforge.story.AspectRatio;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import fableforge.testing.SlowTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's budget: a finished story's gallery loads its 20 thumbnails, which must weigh at most
 * 1.6 MB together (the full images weighed 30 MB). Measured on the offline illustrator's pictures in
 * the style whose thumbnails came out largest (storyboard: 720 KB for 20; watercolor 666 KB). Slow: it
 * draws 20 full-size pictures.
 */
@SlowTest
class ThumbnailBudgetTest {

    private static final long BUDGET_BYTES = 1_600_000;
    private final StoryboardIllustrator illustrator = new StoryboardIllustrator();

    @Test
    void twentyThumbnailsOfAPortraitStoryStayWithinTheBudget() throws Exception {
        String style = "storyboard";
        long total = 0;
        long fullTotal = 0;
        for (int scene = 1; scene <= 20; scene++) {
            GeneratedImage drawn = illustrator.generate(SampleStories.request("story-fox", SampleStories.EMBER, scene, 1, "misty forest", style,
                    AspectRatio.PORTRAIT));
            byte[] full = drawn.bytes();
            // As the app makes it: from the drawn picture, not from its PNG decoded again (ImageProducer).
            byte[] thumbnail = Thumbnails.render(drawn.picture().orElseThrow());
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail));
            assertThat(decoded.getWidth()).isEqualTo(Thumbnails.MAX_WIDTH);
            assertThat(decoded.getHeight()).isEqualTo(Math.round(480 * 1920 / 1080f));
            total += thumbnail.length;
            fullTotal += full.length;
        }
        System.out.printf("[thumbnail budget] %s: 20 thumbnails %,d bytes (full images %,d)%n", style, total, fullTotal);
        assertThat(total).as("bytes of 20 %s thumbnails", style).isLessThanOrEqualTo(BUDGET_BYTES);
    }
}
