package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A caption page laid over a frame in YUV looks as the same page drawn over the frame in BGR, then converted. */
class CaptionPlanesTest {

    private static final FrameSize SIZE = new FrameSize(360, 640);

    /** A smooth, colourful background, as a picture under a caption is. */
    private static VideoFrame background() {
        VideoFrame frame = new VideoFrame(SIZE);
        byte[] bgr = frame.pixels();
        for (int y = 0; y < SIZE.height(); y++) {
            for (int x = 0; x < SIZE.width(); x++) {
                int at = (y * SIZE.width() + x) * 3;
                bgr[at] = (byte) (40 + x * 180 / SIZE.width());
                bgr[at + 1] = (byte) (200 - y * 150 / SIZE.height());
                bgr[at + 2] = (byte) (90 + (x + y) % 97);
            }
        }
        return frame;
    }

    @Test
    void aPageOverYuvMatchesThePageOverBgrAndLeavesTheRestOfTheFrameAlone() {
        CaptionLayout layout = new CaptionLayout(SIZE);
        List<String> lines = layout.pages("Ember raced to the mossy summit of Lantern Hill and set the power of fire free.").get(0);
        CaptionOverlay overlay = CaptionOverlay.draw(lines, layout, SIZE, 2);

        VideoFrame drawnInBgr = background();
        overlay.drawOnto(drawnInBgr, 1);
        YuvFrame expected = new YuvFrame(SIZE);
        expected.fromBgr(drawnInBgr);
        YuvFrame untouched = new YuvFrame(SIZE);
        untouched.fromBgr(background());
        YuvFrame actual = new YuvFrame(SIZE);
        actual.fromBgr(background());

        CaptionPlanes.of(overlay, SIZE).drawOnto(actual);

        int width = SIZE.width();
        int changed = 0;
        for (int y = 0; y < SIZE.height(); y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                boolean inside = x >= (overlay.left() & ~1) && x < overlay.right() + 1 && y >= (overlay.top() & ~1) && y < overlay.bottom() + 1;
                if (!inside) {
                    assertThat(actual.data()[i]).as("luma outside the caption at %d,%d", x, y).isEqualTo(untouched.data()[i]);
                    continue;
                }
                if (actual.data()[i] != untouched.data()[i]) {
                    changed++;
                }
                assertThat(actual.data()[i] & 0xff).as("luma at %d,%d", x, y).isCloseTo(expected.data()[i] & 0xff,
                        org.assertj.core.data.Offset.offset(2));
            }
        }
        assertThat(changed).as("pixels the caption changed").isGreaterThan(1_000);
        int half = width / 2;
        for (int cy = 0; cy < SIZE.height() / 2; cy++) {
            for (int cx = 0; cx < half; cx++) {
                int alpha = overlay.pixel(2 * cx, 2 * cy) >>> 24;
                boolean even = alpha == overlay.pixel(2 * cx + 1, 2 * cy) >>> 24 && alpha == overlay.pixel(2 * cx, 2 * cy + 1) >>> 24
                        && alpha == overlay.pixel(2 * cx + 1, 2 * cy + 1) >>> 24;
                for (int plane : new int[] {actual.uOffset(), actual.vOffset()}) {
                    int i = plane + cy * half + cx;
                    if (alpha == 0 && even) {
                        assertThat(actual.data()[i]).as("chroma under no caption at %d,%d", cx, cy).isEqualTo(untouched.data()[i]);
                    } else if (even) {
                        assertThat(actual.data()[i] & 0xff).as("chroma at %d,%d", cx, cy).isCloseTo(expected.data()[i] & 0xff,
                                org.assertj.core.data.Offset.offset(3));
                    }
                }
            }
        }
    }
}
