package fableforge.video.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.TestClips;
import fableforge.video.FrameSize;
import fableforge.video.VideoFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A downloaded clip played into exactly the scene's frames: count, size, speed, slowing, holding, cropping. */
class FittedClipTest {

    @Test
    void givesExactlyTheRequestedFramesAtTheRequestedSizeAndTheyMove() throws Exception {
        FrameSize size = new FrameSize(240, 426);
        List<Integer> shown = new ArrayList<>();
        try (FittedClip clip = FittedClip.open(TestClips.standard(), size, 45, 30)) {
            assertThat(clip.frameCount()).isEqualTo(45);
            VideoFrame frame = new VideoFrame(size);
            VideoFrame previous = new VideoFrame(size);
            int changed = 0;
            for (int i = 0; i < clip.frameCount(); i++) {
                clip.render(i, frame);
                assertThat(frame.width()).isEqualTo(240);
                assertThat(frame.height()).isEqualTo(426);
                if (i > 0 && differs(frame, previous)) {
                    changed++;
                }
                shown.add(TestClips.indexShown(frame));
                previous.copyFrom(frame);
            }
            assertThat(changed).as("frames that differ from the one before").isGreaterThan(30);
        }
        assertThat(shown).isSorted();
    }

    @Test
    void aLongEnoughClipPlaysAtItsOwnSpeedAndIsCut() throws Exception {
        // 64 pictures at 24 fps is 2.67 s; the scene wants 1.5 s at 30 fps.
        try (FittedClip clip = FittedClip.open(TestClips.standard(), new FrameSize(160, 284), 45, 30)) {
            assertThat(clip.slowDown()).isEqualTo(1.0);
            VideoFrame frame = new VideoFrame(new FrameSize(160, 284));
            for (int i = 0; i < 45; i++) {
                clip.render(i, frame);
                assertThat(TestClips.indexShown(frame)).as("frame %d", i).isEqualTo((int) Math.floor(i * 24 / 30.0 + 1e-6));
            }
        }
    }

    @Test
    void aShortClipIsSlowedAtMostByHalfThenHoldsItsLastPicture() throws Exception {
        // 24 pictures at 24 fps is 1 s; the scene wants 2 s at 30 fps: slowed 1.5×, then held.
        FrameSize size = new FrameSize(160, 284);
        try (FittedClip clip = FittedClip.open(TestClips.mp4(24, 160, 284, 24), size, 60, 30)) {
            assertThat(clip.slowDown()).isEqualTo(FittedClip.MAX_SLOW_DOWN);
            VideoFrame frame = new VideoFrame(size);
            List<Integer> shown = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                clip.render(i, frame);
                shown.add(TestClips.indexShown(frame));
            }
            assertThat(shown.get(30)).as("one second in, two thirds of the clip").isEqualTo(16);
            assertThat(shown.subList(45, 60)).as("the last half second holds the last picture").containsOnly(23);
            assertThat(shown).isSorted();
        }
    }

    @Test
    void aPictureOfAnotherShapeCoversTheFrameCroppedToItsMiddle() throws Exception {
        FrameSize landscape = new FrameSize(320, 180);
        try (FittedClip clip = FittedClip.open(TestClips.standard(), landscape, 10, 30)) {
            VideoFrame frame = new VideoFrame(landscape);
            clip.render(9, frame); // picture 7: its dark bar is away from the corners
            byte[] pixels = frame.pixels();
            for (int y : new int[] {0, 179}) {
                for (int x : new int[] {0, 319}) {
                    assertThat(pixels[(y * 320 + x) * 3] & 0xff).as("corner %d,%d is picture, not a black bar", x, y).isGreaterThan(12);
                }
            }
        }
    }

    @Test
    void bytesThatAreNotAVideoAreAnIOException() {
        assertThatThrownBy(() -> FittedClip.open("<html>expired</html>".getBytes(), new FrameSize(160, 284), 10, 30))
                .isInstanceOf(IOException.class);
    }

    private static boolean differs(VideoFrame a, VideoFrame b) {
        long total = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            total += Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff));
        }
        return total / (double) a.pixels().length > 0.5;
    }
}
