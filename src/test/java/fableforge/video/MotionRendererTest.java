package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Sub-pixel drawing: a window moved by half a pixel shows a picture halfway between. */
class MotionRendererTest {

    /** A sharp vertical black/white edge in the middle of a 200 × 400 still. */
    private static BufferedImage edge() {
        BufferedImage image = new BufferedImage(200, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 400);
        g.setColor(Color.BLACK);
        g.fillRect(100, 0, 100, 400);
        g.dispose();
        return image;
    }

    /** A still of random colours: every step up and down between neighbours, of every size. */
    private static BufferedImage noise(int width, int height, java.util.Random random) {
        BufferedImage noise = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return noise;
    }

    private static int red(VideoFrame frame, int x, int y) {
        return frame.pixels()[(y * frame.width() + x) * 3 + 2] & 0xff;
    }

    @Test
    void halfPixelShiftGivesTheInBetweenPictureNotASnapToWholePixels() {
        FrameSize size = new FrameSize(100, 200);
        MotionRenderer renderer = MotionRenderer.prepare(edge(), size, 2.0);
        assertThat(renderer.sourceWidth()).as("prepared at its own size").isEqualTo(200);
        VideoFrame at0 = new VideoFrame(size);
        VideoFrame atHalf = new VideoFrame(size);
        VideoFrame atOne = new VideoFrame(size);

        renderer.render(new Crop(50, 0, 100, 200), at0);
        renderer.render(new Crop(50.5, 0, 100, 200), atHalf);
        renderer.render(new Crop(51, 0, 100, 200), atOne);

        // The edge sits between columns 49 and 50 of the frame; column 49 goes from white to black.
        assertThat(red(at0, 49, 100)).isEqualTo(255);
        assertThat(red(atOne, 49, 100)).isZero();
        assertThat(red(atHalf, 49, 100)).isBetween(100, 155);
    }

    @Test
    void theWholeStillAtItsOwnSizeComesOutUnchanged() {
        FrameSize size = new FrameSize(200, 400);
        MotionRenderer renderer = MotionRenderer.prepare(edge(), size, 1.0);
        VideoFrame frame = new VideoFrame(size);

        renderer.render(new Crop(0, 0, 200, 400), frame);

        assertThat(red(frame, 99, 10)).isEqualTo(255);
        assertThat(red(frame, 100, 10)).isZero();
        assertThat(red(frame, 0, 399)).isEqualTo(255);
        assertThat(red(frame, 199, 0)).isZero();
    }

    @Test
    void theStillIsPreparedLargeEnoughForTheClosestWindowToNeedNoEnlarging() {
        MotionRenderer renderer = MotionRenderer.prepare(edge(), new FrameSize(100, 200), 1.3);

        // The full-width window at zoom 1.3 is 1/1.3 of the prepared width and must be ≥ 100 px.
        assertThat(renderer.sourceWidth() / 1.3).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aDecodedBgrStillIsReadAsTheSameColoursAsAnIntRgbOne() {
        BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                rgb.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x * y) % 256);
            }
        }
        BufferedImage bgr = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(rgb, 0, 0, null);
        FrameSize size = new FrameSize(30, 40);
        VideoFrame fromRgb = new VideoFrame(size);
        VideoFrame fromBgr = new VideoFrame(size);
        Crop crop = new Crop(3.25, 2.5, 27, 36);

        MotionRenderer.prepare(rgb.getSubimage(5, 3, 50, 40), size, 1).render(crop, fromRgb);
        MotionRenderer.prepare(bgr.getSubimage(5, 3, 50, 40), size, 1).render(crop, fromBgr);

        assertThat(fromBgr.pixels()).isEqualTo(fromRgb.pixels());
        assertThat(red(fromBgr, 20, 20)).as("red follows x, not swapped with blue").isBetween(95, 118);
    }

    /**
     * On a still of random noise (every step up and down between neighbours, of every size), a window
     * a fraction of a pixel across is the exact linear mix of the windows at the whole pixels either side,
     * in each plane: luma at half a pixel, chroma (half the resolution) at a quarter.
     */
    @Test
    void aFractionalWindowIsTheLinearMixOfTheWholePixelWindowsEitherSideInEveryPlane() {
        BufferedImage noise = noise(64, 48, new java.util.Random(5));
        FrameSize size = new FrameSize(32, 24);
        MotionRenderer renderer = MotionRenderer.prepare(noise, size, 1.0);
        for (boolean across : new boolean[] {true, false}) {
            YuvFrame[] whole = new YuvFrame[3];
            for (int step = 0; step < 3; step++) {
                whole[step] = new YuvFrame(size);
                renderer.render(across ? new Crop(10 + step, 6, 32, 24) : new Crop(10, 6 + step, 32, 24), whole[step]);
            }
            YuvFrame half = new YuvFrame(size);
            renderer.render(across ? new Crop(10.5, 6, 32, 24) : new Crop(10, 6.5, 32, 24), half);

            byte[] out = half.data();
            for (int i = 0; i < out.length; i++) {
                boolean luma = i < half.uOffset();
                int expected = luma
                        ? mix(whole[0].data()[i], whole[1].data()[i], 128)
                        : mix(whole[0].data()[i], whole[2].data()[i], 64);
                assertThat(out[i] & 0xff).as("%s sample %d", across ? "across" : "down", i).isEqualTo(expected);
            }
        }
    }

    /**
     * The across pass on the vector unit gives the scalar pass's bytes: windows enlarged (every group one
     * shuffle), shrunk (groups reaching too far, done one by one), at the still's edges, on frames whose
     * width is no whole number of vectors, drawn alone and mixed over a frame.
     */
    @Test
    void theVectorPassDrawsTheScalarPassesBytesForEveryWindow() {
        java.util.Random random = new java.util.Random(9);
        BufferedImage noise = noise(203, 331, random);
        for (FrameSize size : new FrameSize[] {new FrameSize(100, 180), new FrameSize(74, 132), new FrameSize(160, 90)}) {
            MotionRenderer vector = MotionRenderer.prepare(noise, size, 1.0, true);
            MotionRenderer scalar = MotionRenderer.prepare(noise, size, 1.0, false);
            for (int i = 0; i < 40; i++) {
                double width = 20 + random.nextDouble() * Math.min(2 * size.width(), vector.sourceWidth() - 21);
                double height = width * size.height() / size.width();
                if (height > vector.sourceHeight() - 1) {
                    continue;
                }
                Crop crop = new Crop(random.nextDouble() * (vector.sourceWidth() - width), random.nextDouble() * (vector.sourceHeight() - height),
                        width, height);
                double opacity = i % 3 == 0 ? 0.4 : 1;
                YuvFrame fromVector = new YuvFrame(size);
                YuvFrame fromScalar = new YuvFrame(size);
                java.util.Arrays.fill(fromVector.data(), (byte) 77);
                java.util.Arrays.fill(fromScalar.data(), (byte) 77);

                vector.render(crop, fromVector, opacity);
                scalar.render(crop, fromScalar, opacity);

                assertThat(fromVector.data()).as("%s, window %s", size, crop).isEqualTo(fromScalar.data());
            }
        }
    }

    /** {@code a} and {@code b} mixed with {@code weight} (of 256) of {@code b}, rounded as 8.8 fixed point. */
    private static int mix(byte a, byte b, int weight) {
        return (((a & 0xff) * (256 - weight) + (b & 0xff) * weight) * 256 + (1 << 15)) >>> 16;
    }

    @Test
    void aWindowMixedOverAFrameIsTheWindowDrawnAloneThenBlendedByteForByte() {
        FrameSize size = new FrameSize(100, 200);
        MotionRenderer renderer = MotionRenderer.prepare(edge(), size, 2.0);
        Crop window = new Crop(37.25, 11.5, 120.5, 241);
        for (double opacity : new double[] {0, 0.013, 0.5, 0.77, 1}) {
            YuvFrame under = new YuvFrame(size);
            for (int i = 0; i < under.data().length; i++) {
                under.data()[i] = (byte) (i * 31 % 251);
            }
            YuvFrame expected = new YuvFrame(size);
            System.arraycopy(under.data(), 0, expected.data(), 0, under.data().length);
            YuvFrame alone = new YuvFrame(size);
            renderer.render(window, alone);
            expected.blend(alone, opacity);

            renderer.render(window, under, opacity);

            assertThat(under.data()).as("opacity %s", opacity).isEqualTo(expected.data());
        }
    }
}
