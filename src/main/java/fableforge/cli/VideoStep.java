package fableforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.story.AspectRatio;
import fableforge.image.ImageOutcome;
import fableforge.pipeline.StoryPlan;
import fableforge.provider.ProviderException;
import fableforge.video.RenderQuality;
import fableforge.video.SceneStill;
import fableforge.video.VideoAssembler;
import fableforge.video.VideoDeliverables;
import fableforge.video.VideoJob;
import fableforge.video.VideoResult;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@code --video} part of {@code generate}: every image counts as approved (the command line has
 * no approval step); writes {@code video.mp4} (or {@code video-draft.mp4}), {@code video.srt},
 * {@code timeline.fcpxml} and, when narrated, {@code narration/scene-NN.wav} into the staging
 * directory, with the paths in the timeline pointing where the files will be once committed.
 */
final class VideoStep {

    private final VideoAssembler assembler;
    private final RenderQuality quality;
    private final Optional<Path> music;
    private final BiFunction<Integer, Integer, Optional<Rectangle>> pictureArea;

    /** @param pictureArea the image generator's {@link fableforge.image.ImageGenerator#pictureArea} */
    VideoStep(VideoAssembler assembler, RenderQuality quality, Optional<Path> music,
              BiFunction<Integer, Integer, Optional<Rectangle>> pictureArea) {
        this.assembler = assembler;
        this.quality = quality;
        this.music = music;
        this.pictureArea = pictureArea;
    }

    String fileName() {
        return quality == RenderQuality.DRAFT ? "video-draft.mp4" : "video.mp4";
    }

    /** Makes the video from the produced images; returns the {@code video} object for story.json. */
    ObjectNode run(StoryPlan plan, List<ImageOutcome> outcomes, Path staging, Path target, VideoProgressBar progress)
            throws IOException, ProviderException, InterruptedException {
        List<SceneStill> stills = new ArrayList<>();
        List<VideoDeliverables.Image> images = new ArrayList<>();
        for (int i = 0; i < plan.scenes().size(); i++) {
            ImageOutcome.Produced produced = (ImageOutcome.Produced) outcomes.get(i);
            stills.add(new SceneStill(plan.scenes().get(i), Files.readAllBytes(staging.resolve(produced.media().key())),
                    pictureArea.apply(produced.width(), produced.height()), produced.subject()));
            // The timeline points where the files will be once the staging directory is committed.
            images.add(new VideoDeliverables.Image(target.resolve(produced.media().key()), produced.width(), produced.height()));
        }
        VideoJob job = new VideoJob(plan.storyId(), plan.context().aspectRatio(), stills, quality, music);
        VideoDeliverables.Made made;
        try {
            // The staging directory is committed even when the video fails: the step leaves no half-written file in it.
            made = new VideoDeliverables(assembler).make(job, staging.resolve(fileName()), progress,
                    plan.hero().name() + " the " + plan.hero().species(), images,
                    scene -> target.resolve(VideoDeliverables.narrationName(scene)));
        } finally {
            progress.close();
        }
        Files.writeString(staging.resolve("video.srt"), made.srt(), StandardCharsets.UTF_8);
        for (int i = 0; i < stills.size(); i++) {
            Optional<byte[]> wav = made.narrationWav(i);
            if (wav.isPresent()) {
                Path file = staging.resolve(VideoDeliverables.narrationName(stills.get(i).scene().number()));
                Files.createDirectories(file.getParent());
                Files.write(file, wav.get());
            }
        }
        Files.writeString(staging.resolve("timeline.fcpxml"), made.fcpxml(), StandardCharsets.UTF_8);
        return summary(made.video());
    }

    private ObjectNode summary(VideoResult result) {
        ObjectNode video = new ObjectMapper().createObjectNode();
        video.put("file", fileName());
        video.put("subtitles", "video.srt");
        video.put("timeline", "timeline.fcpxml");
        video.put("quality", quality.name().toLowerCase());
        video.put("width", result.size().width());
        video.put("height", result.size().height());
        video.put("fps", result.timeline().fps());
        video.put("duration_seconds", Math.round(result.seconds() * 1000) / 1000.0);
        video.put("clips", assembler.clipsName());
        video.put("narration", assembler.narratorName());
        video.put("music", music.map(path -> path.getFileName().toString()).orElse(null));
        video.put("render_seconds", Math.round(result.renderTime().toMillis() / 100.0) / 10.0);
        return video;
    }
}
