package fableforge.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

    @Test
    void twentyPortraitFramesMakeAFiveByFourGridOfSmallThumbnails() throws Exception {
        BufferedImage sheet = decode(ContactSheet.compose(frames(20, 1080, 1920), 5));
        int thumbHeight = ContactSheet.THUMBNAIL_WIDTH * 1920 / 1080;
        assertThat(sheet.getWidth()).isBetween(5 * ContactSheet.THUMBNAIL_WIDTH, 5 * ContactSheet.THUMBNAIL_WIDTH + 100);
        assertThat(sheet.getHeight()).isBetween(4 * thumbHeight, 4 * thumbHeight + 250);
    }

    @Test
    void landscapeFramesAndOddCountsStillMakeADecodableSheet() throws Exception {
        BufferedImage sheet = decode(ContactSheet.compose(frames(7, 1920, 1080), 3));
        assertThat(sheet.getWidth()).isGreaterThan(sheet.getHeight());
    }

    @Test
    void emptyListAndBrokenFramesDoNotFail() throws Exception {
        assertThat(decode(ContactSheet.compose(Collections.emptyList(), 5))).isNotNull();
        List<byte[]> mixed = new ArrayList<>(frames(2, 1080, 1080));
        mixed.add(new byte[] {1, 2, 3});
        assertThat(decode(ContactSheet.compose(mixed, 0))).isNotNull();
    }

    @Test
    void framesAppearInSceneOrder() throws Exception {
        List<byte[]> frames = List.of(solid(Color.RED), solid(Color.BLUE));
        BufferedImage sheet = decode(ContactSheet.compose(frames, 2));
        int middleY = 12 + ContactSheet.THUMBNAIL_WIDTH / 2;
        assertThat(new Color(sheet.getRGB(12 + ContactSheet.THUMBNAIL_WIDTH / 2, middleY)).getRed()).isGreaterThan(200);
        assertThat(new Color(sheet.getRGB(sheet.getWidth() - 12 - ContactSheet.THUMBNAIL_WIDTH / 2, middleY))
                .getBlue()).isGreaterThan(200);
    }

    private static List<byte[]> frames(int count, int width, int height) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(png(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)));
        }
        return frames;
    }

    private static byte[] solid(Color colour) throws Exception {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 300, 300);
        g.dispose();
        return png(image);
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }
}
