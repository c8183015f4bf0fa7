package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.story.AspectRatio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one step that makes a video's files for the command line and the web alike. */
class VideoDeliverablesTest {

    @TempDir
    Path dir;

    private final VideoClipGenerator local = new LocalMotionClips(new MotionPlan());

    @Test
    void theTimelineAndSubtitlesComeFromTheRenderedTimelineAndNameTheFilesWhereTheCallerPutsThem() throws Exception {
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(3, 4), RenderQuality.DRAFT, Optional.empty());
        List<VideoDeliverables.Image> images = List.of(new VideoDeliverables.Image(Path.of("images/scene-03.png"), 1024, 1536),
                new VideoDeliverables.Image(Path.of("images/scene-04.png"), 1024, 1536));

        VideoDeliverables.Made made = new VideoDeliverables(new VideoAssembler(local, new ToneNarrator(1.0)))
                .make(job, dir.resolve("video.mp4"), VideoProgressListener.NONE, "Rusty the fox", images,
                        scene -> Path.of(VideoDeliverables.narrationName(scene)));

        assertThat(made.video().file()).exists();
        assertThat(made.srt()).isEqualTo(Subtitles.srt(made.video().timeline()));
        assertThat(made.fcpxml()).contains("Rusty the fox", "images/scene-03.png", "images/scene-04.png",
                "narration/scene-03.wav", "narration/scene-04.wav");
        byte[] wav = made.narrationWav(1).orElseThrow();
        assertThat(new String(Arrays.copyOf(wav, 4), StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    }

    @Test
    void aRenderThatFailsLeavesNoHalfWrittenVideo() {
        VideoJob job = new VideoJob("story-1", AspectRatio.PORTRAIT, TestStills.scenes(1, 2), RenderQuality.DRAFT, Optional.empty());
        Path mp4 = dir.resolve("video.mp4");
        VideoProgressListener stopsMidway = new VideoProgressListener() {
            @Override
            public void stage(Stage stage, int sceneNumber, int sceneCount) {
            }

            @Override
            public void frames(int written, int total) {
                if (written > 10) {
                    throw new CancellationException("stopped");
                }
            }
        };
        List<VideoDeliverables.Image> images = List.of(new VideoDeliverables.Image(Path.of("a.png"), 10, 10),
                new VideoDeliverables.Image(Path.of("b.png"), 10, 10));

        assertThatThrownBy(() -> new VideoDeliverables(new VideoAssembler(local, Narrator.NONE))
                .make(job, mp4, stopsMidway, "t", images, scene -> Path.of("n.wav"))).isInstanceOf(CancellationException.class);
        assertThat(mp4).doesNotExist();
    }
}
