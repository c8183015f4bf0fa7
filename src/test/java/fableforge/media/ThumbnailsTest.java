package fableforge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.TestPngs;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {

    @TempDir
    Path root;

    @Test
    void aThumbnailKeySitsBesideItsImageAndLeadsBackToIt() {
        String image = "stories/abc/scene-03-a2.png";
        assertThat(Thumbnails.keyOf(image)).isEqualTo("stories/abc/scene-03-a2.png.thumb.jpg");
        assertThat(MediaKey.isValid(Thumbnails.keyOf(image))).isTrue();
        assertThat(Thumbnails.imageKeyOf(Thumbnails.keyOf(image))).contains(image);
        assertThat(MediaUrls.ROOT.ofKey(Thumbnails.keyOf(image))).isEqualTo("/media/stories/abc/scene-03-a2.png.thumb.jpg");
    }

    @Test
    void onlyKeysOfImagesHaveThumbnails() {
        assertThat(Thumbnails.imageKeyOf("stories/abc/scene-03-a2.png")).isEmpty();
        assertThat(Thumbnails.imageKeyOf("stories/abc/video-v1.mp4.thumb.jpg")).isEmpty();
        assertThat(Thumbnails.imageKeyOf(".thumb.jpg")).isEmpty();
        assertThat(Thumbnails.imageKeyOf(null)).isEmpty();
    }

    @Test
    void aPortraitImageShrinksTo480PixelsWideKeepingItsProportions() throws Exception {
        BufferedImage thumbnail = decode(Thumbnails.render(TestPngs.blank(1080, 1920)));
        assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(480, 853);
    }

    @Test
    void aSmallImageKeepsItsSizeAndTheThumbnailIsAJpeg() throws Exception {
        byte[] jpeg = Thumbnails.render(TestPngs.blank(300, 200));
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        BufferedImage thumbnail = decode(jpeg);
        assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(300, 200);
    }

    @Test
    void transparencyBecomesWhiteNotBlack() throws Exception {
        BufferedImage clear = new BufferedImage(960, 960, BufferedImage.TYPE_INT_ARGB);
        BufferedImage thumbnail = decode(Thumbnails.render(TestPngs.encode(clear)));
        assertThat(new Color(thumbnail.getRGB(240, 240)).getRed()).isGreaterThan(245);
    }

    @Test
    void aPictureKeepsItsColoursWhenShrunk() throws Exception {
        BufferedImage picture = new BufferedImage(1080, 1920, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(0xC8551E));
        g.fillRect(0, 0, 1080, 960);
        g.dispose();
        BufferedImage thumbnail = decode(Thumbnails.render(TestPngs.encode(picture)));
        Color top = new Color(thumbnail.getRGB(240, 200));
        assertThat(top.getRed()).isBetween(0xC8 - 8, 0xC8 + 8);
        assertThat(new Color(thumbnail.getRGB(240, 700)).getRed()).isLessThan(10);
    }

    @Test
    void aPictureDrawnInThisProcessGivesTheThumbnailItsBytesWouldAndIsLeftAsItWas() throws Exception {
        BufferedImage picture = new BufferedImage(1080, 1920, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xC8551E), 1080, 1920, new Color(0x1E55C8)));
        g.fillRect(0, 0, 1080, 1920);
        g.dispose();
        int[] before = picture.getRGB(0, 0, 1080, 1920, null, 0, 1080);

        BufferedImage fromPicture = decode(Thumbnails.render(picture));
        BufferedImage fromBytes = decode(Thumbnails.render(TestPngs.encode(picture)));

        assertThat(new int[] {fromPicture.getWidth(), fromPicture.getHeight()}).containsExactly(fromBytes.getWidth(), fromBytes.getHeight());
        for (int y = 0; y < fromBytes.getHeight(); y += 97) {
            for (int x = 0; x < fromBytes.getWidth(); x += 53) {
                Color expected = new Color(fromBytes.getRGB(x, y));
                Color actual = new Color(fromPicture.getRGB(x, y));
                assertThat(new int[] {actual.getRed(), actual.getGreen(), actual.getBlue()}).as("pixel %d,%d", x, y)
                        .satisfies(rgb -> assertThat(Math.abs(rgb[0] - expected.getRed()) + Math.abs(rgb[1] - expected.getGreen())
                                + Math.abs(rgb[2] - expected.getBlue())).isLessThanOrEqualTo(12));
            }
        }
        assertThat(picture.getRGB(0, 0, 1080, 1920, null, 0, 1080)).as("the picture itself is not drawn on").isEqualTo(before);
    }

    @Test
    void bytesThatAreNoImageAreRefusedWithAReason() {
        assertThatThrownBy(() -> Thumbnails.render(new byte[] {4, 2})).isInstanceOf(IOException.class).hasMessageContaining("not an image");
    }

    @Test
    void storesTheThumbnailInTheSameStoreUnderItsKey() throws Exception {
        LocalMediaStore media = new LocalMediaStore(root, "media/");
        StoredMedia stored = new Thumbnails(media).store("stories/s/scene-01-a1.png", TestPngs.blank(1080, 1920));
        assertThat(stored.key()).isEqualTo("stories/s/scene-01-a1.png.thumb.jpg");
        assertThat(Files.size(root.resolve(stored.key()))).isEqualTo(stored.sizeBytes()).isLessThan(40_000);
    }

    @Test
    void anOlderImageGetsItsThumbnailFromTheStoreAndAMissingOneNone() throws Exception {
        LocalMediaStore media = new LocalMediaStore(root, "media/");
        media.put("stories/s/scene-02-a1.png", TestPngs.blank(1080, 1920), "image/png");
        Thumbnails thumbnails = new Thumbnails(media);

        assertThat(thumbnails.storeFromStored("stories/s/scene-02-a1.png")).isPresent();
        assertThat(media.exists("stories/s/scene-02-a1.png.thumb.jpg")).isTrue();
        assertThat(thumbnails.storeFromStored("stories/s/scene-09-a1.png")).isEmpty();
    }

    static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("decodable").isNotNull();
        return image;
    }
}
