package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A provider's picture has no reported hero: the estimate finds a detailed subject, and says nothing on a featureless one. */
class SubjectEstimateTest {

    private static BufferedImage softBackground(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(120, 160, 210), 0, height, new Color(90, 140, 90)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    @Test
    void aDetailedFigureOnASoftBackgroundIsFound() {
        BufferedImage image = softBackground(540, 960);
        Graphics2D g = image.createGraphics();
        SplittableRandom random = new SplittableRandom(4);
        // A busy "creature" low and to the right: stripes and spots of strong contrast.
        for (int i = 0; i < 60; i++) {
            g.setColor(i % 2 == 0 ? Color.BLACK : new Color(250, 200, 60));
            g.fillOval(300 + random.nextInt(160), 600 + random.nextInt(220), 20 + random.nextInt(30), 20 + random.nextInt(30));
        }
        g.dispose();

        Rectangle2D box = SubjectEstimate.of(image).orElseThrow();

        assertThat(box.getCenterX()).isBetween(330.0, 470.0);
        assertThat(box.getCenterY()).isBetween(640.0, 800.0);
        assertThat(box.getWidth() * box.getHeight()).isLessThan(0.25 * 540 * 960);
    }

    @Test
    void aPictureWithDetailEverywhereOrNowhereHasNoSubject() {
        assertThat(SubjectEstimate.of(softBackground(540, 960))).isEmpty();

        BufferedImage noise = new BufferedImage(540, 960, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(9);
        for (int y = 0; y < 960; y++) {
            for (int x = 0; x < 540; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        assertThat(SubjectEstimate.of(noise)).isEmpty();
    }
}
