package fableforge.videojob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.media.MediaUrls;
import fableforge.store.StoryRecord;
import fableforge.store.VideoRecord;
import fableforge.store.VideoRepository;
import fableforge.studio.StoryVideo;
import fableforge.wire.EventPayload;
import fableforge.wire.StoryDocument;
import java.util.List;
import java.util.Optional;

/**
 * The {@code video} object of a story's API view: the newest version's status, options and files,
 * and, while it renders, the last progress the render announced (kept on the row, so a node that
 * serves the page shows the progress of a render running on another node).
 */
public final class VideoView implements StoryVideo {

    private static final TypeReference<List<StoryDocument.Fallback>> FALLBACKS = new TypeReference<>() { };

    private final VideoRepository videos;
    private final VideoQuote quote;
    private final ObjectMapper mapper;
    private final MediaUrls mediaUrls;

    public VideoView(VideoRepository videos, VideoQuote quote, ObjectMapper mapper) {
        this(videos, quote, mapper, MediaUrls.ROOT);
    }

    /** @param mediaUrls the files' URLs as clients use them (PUBLIC_BASE_URL), also for rows stored with a relative one */
    public VideoView(VideoRepository videos, VideoQuote quote, ObjectMapper mapper, MediaUrls mediaUrls) {
        this.mediaUrls = mediaUrls;
        this.videos = videos;
        this.quote = quote;
        this.mapper = mapper;
    }

    /** The newest version of the story's video, or null when none was asked for. */
    @Override
    public StoryDocument.Video of(String storyId) {
        return videos.latest(storyId).map(this::video).orElse(null);
    }

    /** What narrating the story by OpenAI would cost, when that narration is on offer. */
    @Override
    public Optional<StoryDocument.NextStep> narrationStep(StoryRecord story) {
        return quote.narrationStep(story);
    }

    public StoryDocument.Video video(VideoRecord video) {
        JsonNode progress = video.progressJson() != null && !video.finished() ? progress(video.progressJson()) : null;
        return new StoryDocument.Video(video.status().wire(), video.version(),
                new StoryDocument.VideoOptions(video.clips(), video.narration(), video.draft(), video.musicKey().orElse(null),
                        video.lengthSeconds(), video.captionStyle()),
                progress, mediaUrls.forClient(video.videoUrl()), mediaUrls.forClient(video.srtUrl()),
                mediaUrls.forClient(video.fcpxmlUrl()), mediaUrls.forClient(video.zipUrl()),
                video.durationMs() == null ? null : video.durationMs() / 1000.0, video.width(), video.height(), video.sizeBytes(),
                video.error(), fallbacks(video.fallbacksJson()), null);
    }

    void progress(String storyId, int version, EventPayload.VideoProgress data) {
        try {
            videos.setProgress(storyId, version, mapper.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a progress record always writes as JSON", e);
        }
    }

    /** The stored progress object as it was written, or JSON null when the row holds something else (the page never breaks). */
    private JsonNode progress(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return node != null && node.isObject() ? node : mapper.nullNode();
        } catch (JsonProcessingException e) {
            return mapper.nullNode();
        }
    }

    private List<StoryDocument.Fallback> fallbacks(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, FALLBACKS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
