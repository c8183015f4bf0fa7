package fableforge.video;

import fableforge.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What a finished video is delivered as: the MP4, its subtitles (SRT), the editable timeline (FCPXML)
 * and each narrated scene's voice as WAV, all from the one timeline. {@code generate --video} writes
 * them beside the story, the web's renders store them and pack them in a ZIP; both make them here, so
 * the two cannot drift apart.
 */
public final class VideoDeliverables {

    /** A scene's image where the timeline will find it, with its size in pixels. */
    public record Image(Path path, int width, int height) {
    }

    /** The rendered video and the texts and sounds that go with it. */
    public record Made(VideoResult video, String srt, String fcpxml) {

        /** Scene {@code index}'s narration (0-based, in the job's order) as a WAV file's bytes; empty when it has none. */
        public Optional<byte[]> narrationWav(int index) {
            return video.narrations().get(index).map(voice -> Audio.wav(voice, Audio.SAMPLE_RATE));
        }
    }

    private final VideoAssembler assembler;

    public VideoDeliverables(VideoAssembler assembler) {
        this.assembler = assembler;
    }

    /** Where a scene's narration lies beside the video, relative to the story's folder (or the ZIP's root). */
    public static String narrationName(int sceneNumber) {
        return "narration/scene-%02d.wav".formatted(sceneNumber);
    }

    /**
     * Renders {@code job} to {@code mp4} and writes its subtitles and timeline. A failed render leaves
     * no half-written {@code mp4} behind.
     *
     * @param title         the timeline's project name
     * @param images        each scene's image as the timeline will find it, in the job's order
     * @param narrationPath where the timeline will find the narration of a scene (by its number)
     */
    public Made make(VideoJob job, Path mp4, VideoProgressListener progress, String title, List<Image> images,
                     IntFunction<Path> narrationPath) throws IOException, ProviderException, InterruptedException {
        if (images.size() != job.scenes().size()) {
            throw new IllegalArgumentException(job.scenes().size() + " scenes but " + images.size() + " images");
        }
        VideoResult result;
        try {
            result = assembler.assemble(job, mp4, progress);
        } catch (IOException | ProviderException | RuntimeException e) {
            Files.deleteIfExists(mp4);
            throw e;
        }
        List<Fcpxml.SceneMedia> media = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            int sceneNumber = job.scenes().get(i).scene().number();
            Optional<float[]> voice = result.narrations().get(i);
            media.add(new Fcpxml.SceneMedia(image.path(), image.width(), image.height(), voice.map(v -> narrationPath.apply(sceneNumber)),
                    voice.map(Audio::seconds).orElse(0.0)));
        }
        String fcpxml = Fcpxml.render(title, result.timeline(), FrameSize.of(job.aspect()), media);
        return new Made(result, Subtitles.srt(result.timeline()), fcpxml);
    }
}
