package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import fableforge.story.AspectRatio;
import fableforge.testing.SlowTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The produced MP4, decoded as a player would: streams, size, rate, length, moving pictures, captions, sound. */
@SlowTest // video renders
class VideoAssemblerTest {

    @TempDir
    Path dir;

    private final VideoClipGenerator local = new LocalMotionClips(new MotionPlan());

    @Test
    void silentDraftIsH264At30FpsWithTheTimelinesLengthAndNoSoundTrack() throws Exception {
        List<String> events = new ArrayList<>();
        VideoProgressListener progress = (stage, scene, count) -> events.add(stage.id() + " " + scene);
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(1, 13, 20), RenderQuality.DRAFT, Optional.empty());

        VideoResult result = new VideoAssembler(local, Narrator.NONE).assemble(job, dir.resolve("draft.mp4"), progress);

        VideoProbe probe = VideoProbe.of(result.file());
        assertThat(probe.width()).isEqualTo(480);
        assertThat(probe.height()).isEqualTo(854);
        assertThat(probe.fps()).isCloseTo(30.0, offset(0.01));
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.hasAudio()).isFalse();
        double clips = result.timeline().slots().stream().mapToInt(Timeline.Slot::clipFrames).sum() / 30.0;
        assertThat(probe.seconds()).as("clips minus two 0.5 s crossfades").isCloseTo(clips - 2 * 0.5, offset(0.1));
        assertThat(probe.seconds()).isCloseTo(result.seconds(), offset(0.1));
        assertThat(events).containsExactly("rendering 1", "rendering 13", "rendering 20", "finishing 0");
    }

    @Test
    void composedRawFramesAreTheFramesTheRenderEncoded() throws Exception {
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(1, 13), RenderQuality.DRAFT, Optional.empty());
        VideoAssembler assembler = new VideoAssembler(local, Narrator.NONE);
        List<Optional<float[]>> silent = List.of(Optional.empty(), Optional.empty());
        VideoResult rendered = assembler.render(job, silent, dir.resolve("render.mp4"), VideoProgressListener.NONE);

        Path raw = dir.resolve("composed.yuv");
        int frames = assembler.composeRaw(job, silent, raw);

        int frameBytes = rendered.size().width() * rendered.size().height() * 3 / 2;
        assertThat(frames).isEqualTo(rendered.timeline().totalFrames());
        assertThat(Files.size(raw)).isEqualTo((long) frames * frameBytes);
        // The render's file holds the same pictures, through one lossy encode: luma within a few levels on average.
        byte[] composed = Files.readAllBytes(raw);
        try (var grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(rendered.file().toFile())) {
            grabber.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            grabber.start();
            for (int f = 0; f < frames; f++) {
                var decoded = (org.bytedeco.ffmpeg.avutil.AVFrame) grabber.grabImage().opaque;
                if (f % 10 != 0) {
                    continue;
                }
                var luma = decoded.data(0);
                int stride = decoded.linesize(0);
                int other = (f + frames / 2) % frames; // a frame of the other scene
                long same = 0;
                long different = 0;
                for (int y = 0; y < rendered.size().height(); y++) {
                    for (int x = 0; x < rendered.size().width(); x++) {
                        int decodedLuma = luma.get((long) y * stride + x) & 0xff;
                        int pixel = y * rendered.size().width() + x;
                        same += Math.abs(decodedLuma - (composed[f * frameBytes + pixel] & 0xff));
                        different += Math.abs(decodedLuma - (composed[other * frameBytes + pixel] & 0xff));
                    }
                }
                assertThat(same / (double) (rendered.size().width() * rendered.size().height())).as("frame %d", f).isLessThan(5);
                assertThat(different).as("frame %d against frame %d", f, other).isGreaterThan(3 * same);
            }
        }
    }

    @Test
    void withNoCaptionsDrawnTheClipsAreAskedForUncaptioned() throws Exception {
        for (CaptionStyle style : new CaptionStyle[] {CaptionStyle.NONE, CaptionStyle.PHRASE}) {
            List<ClipRequest> asked = new ArrayList<>();
            VideoClipGenerator recording = new VideoClipGenerator() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public SceneClip clip(ClipRequest request) throws fableforge.provider.ProviderException, java.io.IOException {
                    asked.add(request);
                    return local.clip(request);
                }
            };
            VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(20), RenderQuality.DRAFT, Optional.empty(),
                    java.util.OptionalInt.empty(), style);

            new VideoAssembler(recording, Narrator.NONE).assemble(job, dir.resolve(style.wire() + ".mp4"), VideoProgressListener.NONE);

            assertThat(asked).as(style.wire()).isNotEmpty().allMatch(request -> request.captioned() == (style != CaptionStyle.NONE));
        }
    }

    @Test
    void picturesMoveOverTimeAndTheCaptionSitsInTheLowerMiddleBandOnly() throws Exception {
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(1, 14), RenderQuality.DRAFT, Optional.empty());
        VideoResult result = new VideoAssembler(local, Narrator.NONE).assemble(job, dir.resolve("moving.mp4"), VideoProgressListener.NONE);

        BufferedImage early = VideoProbe.frameAt(result.file(), 0.5);
        BufferedImage later = VideoProbe.frameAt(result.file(), 1.5);
        BufferedImage nextScene = VideoProbe.frameAt(result.file(), result.seconds() - 0.5);
        assertThat(VideoProbe.meanDifference(early, later)).as("a calm drift still moves in a second").isGreaterThan(2.0);
        assertThat(VideoProbe.meanDifference(early, nextScene)).isGreaterThan(10.0);

        int height = early.getHeight();
        assertThat(whitePixels(early, (int) (0.55 * height), (int) (0.80 * height))).as("caption text").isGreaterThan(500);
        assertThat(whitePixels(early, 0, (int) (0.50 * height))).as("nothing white above").isLessThan(20);
        assertThat(whitePixels(early, (int) (0.81 * height), height)).as("nothing in the bottom fifth").isLessThan(20);
    }

    @Test
    void narratedFullSizeVideoHasAacSoundAndScenesFittedToTheVoice() throws Exception {
        // 3 s of voice: the window 1-3 s below lies inside scene 5's voice, and less full-size video is rendered than with 4 s.
        ToneNarrator voice = new ToneNarrator(3.0);
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(5, 6), RenderQuality.FINAL, Optional.empty());

        VideoResult result = new VideoAssembler(local, voice).assemble(job, dir.resolve("narrated.mp4"), VideoProgressListener.NONE);

        VideoProbe probe = VideoProbe.of(result.file());
        assertThat(probe.width()).isEqualTo(1080);
        assertThat(probe.height()).isEqualTo(1920);
        assertThat(probe.hasAudio()).isTrue();
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.sampleRate()).isEqualTo(48_000);
        assertThat(voice.read).containsExactly(5, 6);
        Pacing pacing = Pacing.STANDARD;
        double sceneSeconds = pacing.narrationLeadSeconds() + 3.0 + pacing.narrationTailSeconds();
        assertThat(probe.seconds()).as("two scenes as long as their narration").isCloseTo(2 * sceneSeconds, offset(0.1));
        assertThat(VideoProbe.loudness(result.file(), 1.0, 3.0)).as("voice of scene 5").isGreaterThan(0.1);
        assertThat(VideoProbe.loudness(result.file(), sceneSeconds - 0.1, sceneSeconds + 0.2)).as("the pause between scenes")
                .isLessThan(0.02);
    }

    @Test
    void landscapeStoryIs1920By1080() throws Exception {
        // One scene: the frame size and rate are the subject, so the least full-size video that shows them.
        VideoJob job = new VideoJob("story-1", AspectRatio.LANDSCAPE, TestStills.scenes(11), RenderQuality.FINAL, Optional.empty());

        VideoResult result = new VideoAssembler(local, Narrator.NONE).assemble(job, dir.resolve("wide.mp4"), VideoProgressListener.NONE);

        VideoProbe probe = VideoProbe.of(result.file());
        assertThat(probe.width()).isEqualTo(1920);
        assertThat(probe.height()).isEqualTo(1080);
        assertThat(probe.fps()).isCloseTo(30.0, offset(0.01));
        assertThat(Files.size(result.file())).isPositive();
    }

    @Test
    void musicAloneGivesASoundTrackThatFadesOut() throws Exception {
        Path music = dir.resolve("music.wav");
        Files.write(music, Audio.wav(ToneNarrator.tone(1.5, 220), Audio.SAMPLE_RATE));
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(2, 3), RenderQuality.DRAFT, Optional.of(music));

        VideoResult result = new VideoAssembler(local, Narrator.NONE).assemble(job, dir.resolve("music.mp4"), VideoProgressListener.NONE);

        assertThat(VideoProbe.of(result.file()).hasAudio()).isTrue();
        assertThat(VideoProbe.loudness(result.file(), 2.0, 4.0)).as("music looped past its 1.5 s").isGreaterThan(0.1);
        assertThat(VideoProbe.loudness(result.file(), result.seconds() - 0.15, result.seconds()))
                .isLessThan(VideoProbe.loudness(result.file(), 2.0, 4.0) / 5);
    }

    private static int whitePixels(BufferedImage image, int fromRow, int toRow) {
        int count = 0;
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) > 235 && (rgb >> 8 & 0xff) > 235 && (rgb & 0xff) > 235) {
                    count++;
                }
            }
        }
        return count;
    }
}
