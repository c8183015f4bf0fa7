package fableforge.videojob;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.story.AspectRatio;
import fableforge.failure.UserFacingException;
import fableforge.media.MediaKey;
import fableforge.media.MediaStore;
import fableforge.media.StoredMedia;
import fableforge.provider.ProviderException;
import fableforge.spend.SpendMeter;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.SceneRow;
import fableforge.store.VideoRecord;
import fableforge.story.Scene;
import fableforge.studio.StoredStory;
import fableforge.video.RenderQuality;
import fableforge.video.SceneStill;
import fableforge.video.VideoAssembler;
import fableforge.video.VideoDeliverables;
import fableforge.video.VideoJob;
import fableforge.video.VideoResult;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import fableforge.video.CaptionStyle;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * One render of a story's video, from its approved images to the files in the media store: the MP4,
 * its subtitles (SRT), the editable timeline (FCPXML) and a ZIP of everything. All work happens in a
 * directory of its own; only finished files are stored, under keys named by the version, so a render
 * run again after a crash simply writes the same keys again.
 */
public final class VideoRender {

    private final ImageRepository images;
    private final MediaStore media;
    private final VideoTools tools;
    private final BiFunction<Integer, Integer, Optional<Rectangle>> pictureArea;
    private final SpendMeter meter;

    /** @param pictureArea the image generator's {@link fableforge.image.ImageGenerator#pictureArea} */
    public VideoRender(ImageRepository images, MediaStore media, VideoTools tools,
                BiFunction<Integer, Integer, Optional<Rectangle>> pictureArea, SpendMeter meter) {
        this.images = images;
        this.media = media;
        this.tools = tools;
        this.pictureArea = pictureArea;
        this.meter = meter;
    }

    static String baseKey(String storyId, int version) {
        return "stories/%s/video-v%d".formatted(storyId, version);
    }

    VideoRecord.Files run(StoredStory story, VideoRecord video, JsonNode storyJson, Path work, VideoProgressEvents progress,
                          VideoTools.ClipFallbacks fallbacks) throws IOException, ProviderException, InterruptedException {
        String storyId = story.record().storyId();
        List<ImageAttempt> approved = approvedImages(storyId);
        List<SceneStill> stills = new ArrayList<>();
        for (ImageAttempt image : approved) {
            byte[] bytes = read(image.mediaKey());
            stills.add(new SceneStill(story.storyScene(image.scene()), bytes,
                    pictureArea.apply(image.width() == null ? 0 : image.width(), image.height() == null ? 0 : image.height()),
                    image.subjectBox()));
        }
        Optional<Path> music = music(video.musicKey(), work);
        AspectRatio aspect = story.context().aspectRatio();
        // A video asked for before lengths could be chosen (length null) keeps its scenes' own pacing.
        VideoJob job = new VideoJob(storyId, aspect, stills, video.draft() ? RenderQuality.DRAFT : RenderQuality.FINAL, music,
                video.lengthSeconds() == null ? OptionalInt.empty() : OptionalInt.of(video.lengthSeconds()),
                video.captionStyle() == null ? CaptionStyle.DEFAULT : CaptionStyle.fromWire(video.captionStyle()).orElse(CaptionStyle.DEFAULT));
        VideoAssembler assembler = new VideoAssembler(tools.clips(video.clips(), meter, fallbacks, new MediaClipCache(media, baseKey(storyId, video.version()) + "-clips")), tools.narrator(video.narration(), meter))
                .metered(tools.narrationMeter(video.narration()));
        Path mp4 = work.resolve("video.mp4");
        // The timeline's media as they lie in the ZIP: relative paths, which FCPXML reads from the timeline file's folder.
        VideoDeliverables.Made made = new VideoDeliverables(assembler).make(job, mp4, progress,
                story.hero().name() + " the " + story.hero().species(), approved.stream().map(VideoRender::zipImage).toList(),
                scene -> Path.of(VideoDeliverables.narrationName(scene)));
        VideoResult result = made.video();

        progress.storing();
        Path zip = work.resolve("video.zip");
        writePackage(zip, storyJson, prompts(approved), approved, made, mp4);

        String base = baseKey(storyId, video.version());
        StoredMedia storedVideo = media.putFile(base + ".mp4", mp4, "video/mp4");
        StoredMedia storedSrt = media.put(base + ".srt", made.srt().getBytes(StandardCharsets.UTF_8), "application/x-subrip");
        StoredMedia storedFcpxml = media.put(base + ".fcpxml", made.fcpxml().getBytes(StandardCharsets.UTF_8), "application/xml");
        StoredMedia storedZip = media.putFile(base + ".zip", zip, "application/zip");
        return new VideoRecord.Files(storedVideo.key(), storedVideo.url(), storedSrt.url(), storedFcpxml.url(), storedZip.url(),
                Math.round(result.seconds() * 1000), result.size().width(), result.size().height(), Files.size(mp4));
    }

    /** Each scene's approved image, in scene order; every scene must have one. */
    private List<ImageAttempt> approvedImages(String storyId) {
        Map<Integer, ImageAttempt> approved = images.attempts(storyId).stream()
                .filter(attempt -> attempt.status() == ImageStatus.APPROVED)
                .collect(Collectors.toMap(ImageAttempt::scene, attempt -> attempt, (a, b) -> b, java.util.TreeMap::new));
        List<Integer> missing = new ArrayList<>();
        for (int scene = 1; scene <= fableforge.story.Beat.TOTAL_SCENES; scene++) {
            if (!approved.containsKey(scene) || approved.get(scene).mediaKey() == null) {
                missing.add(scene);
            }
        }
        if (!missing.isEmpty()) {
            throw new UserFacingException(UserFacingException.Kind.CONFLICT,
                    "scenes " + missing + " have no approved image any more; approve them and ask again");
        }
        return List.copyOf(approved.values());
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = media.open(key).orElseThrow(() -> new IOException("the media store has nothing at " + key))) {
            return in.readAllBytes();
        }
    }

    /** The uploaded music, copied next to the render so FFmpeg reads a local file. */
    private Optional<Path> music(Optional<String> key, Path work) throws IOException {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Path file = work.resolve("music." + MediaKey.extension(key.get()));
        try (InputStream in = media.open(key.get()).orElseThrow(() -> new IOException("the uploaded music is gone from the media store"))) {
            Files.copy(in, file);
        }
        return Optional.of(file);
    }

    private static VideoDeliverables.Image zipImage(ImageAttempt image) {
        return new VideoDeliverables.Image(Path.of(imageEntry(image)), image.width() == null ? 0 : image.width(),
                image.height() == null ? 0 : image.height());
    }

    private static String prompts(List<ImageAttempt> approved) {
        StringBuilder text = new StringBuilder();
        for (ImageAttempt image : approved) {
            text.append("Scene ").append(image.scene()).append(" (version ").append(image.attempt()).append(")\n")
                    .append(image.finalPrompt() != null ? image.finalPrompt() : image.prompt()).append("\n\n");
        }
        return text.toString();
    }

    private void writePackage(Path zip, JsonNode storyJson, String prompts, List<ImageAttempt> approved, VideoDeliverables.Made made,
                              Path mp4) throws IOException {
        try (VideoPackage pack = VideoPackage.create(zip)) {
            pack.text("story.json", storyJson.toPrettyString() + "\n");
            pack.text("prompts.txt", prompts);
            for (ImageAttempt image : approved) {
                pack.media(imageEntry(image), media.open(image.mediaKey())
                        .orElseThrow(() -> new IOException("the media store has nothing at " + image.mediaKey())));
            }
            for (int i = 0; i < approved.size(); i++) {
                Optional<byte[]> wav = made.narrationWav(i);
                if (wav.isPresent()) {
                    pack.media(VideoDeliverables.narrationName(approved.get(i).scene()), new java.io.ByteArrayInputStream(wav.get()));
                }
            }
            pack.file("video.mp4", mp4);
            pack.text("video.srt", made.srt());
            pack.text("timeline.fcpxml", made.fcpxml());
        }
    }

    private static String imageEntry(ImageAttempt image) {
        String extension = MediaKey.extension(image.mediaKey());
        return "images/scene-%02d.%s".formatted(image.scene(), extension.isEmpty() ? "png" : extension);
    }
}
