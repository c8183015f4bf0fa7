package fableforge.videojob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.store.StoryRecord;
import fableforge.store.VideoRecord;
import fableforge.store.VideoRepository;
import fableforge.studio.StoryVideo;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code video} object of a story's API view: the newest version's status, options and files,
 * and, while it renders, the last progress the render announced (kept on the row, so a node that
 * serves the page shows the progress of a render running on another node).
 */
public final class VideoView implements StoryVideo {

    private final VideoRepository videos;
    private final VideoQuote quote;
    private final ObjectMapper mapper;

    public VideoView(VideoRepository videos, VideoQuote quote, ObjectMapper mapper) {
        this.videos = videos;
        this.quote = quote;
        this.mapper = mapper;
    }

    /** The newest version of the story's video, or JSON null when none was asked for. */
    @Override
    public JsonNode of(String storyId) {
        return videos.latest(storyId).<JsonNode>map(this::node).orElse(mapper.nullNode());
    }

    /** What narrating the story by OpenAI would cost, when that narration is on offer. */
    @Override
    public Optional<ObjectNode> narrationStep(StoryRecord story) {
        return quote.narrationStep(story);
    }

    public ObjectNode node(VideoRecord video) {
        ObjectNode node = mapper.createObjectNode();
        node.put("status", video.status().wire());
        node.put("version", video.version());
        ObjectNode options = node.putObject("options");
        options.put("clips", video.clips()).put("narration", video.narration()).put("draft", video.draft())
                .put("music_key", video.musicKey().orElse(null));
        if (video.progressJson() != null && !video.finished()) {
            node.set("progress", read(video.progressJson(), JsonNode::isObject, mapper.nullNode()));
        }
        node.put("url", video.videoUrl());
        node.put("srt_url", video.srtUrl());
        node.put("fcpxml_url", video.fcpxmlUrl());
        node.put("zip_url", video.zipUrl());
        if (video.durationMs() != null) {
            node.put("duration_seconds", video.durationMs() / 1000.0);
        } else {
            node.putNull("duration_seconds");
        }
        node.put("width", video.width());
        node.put("height", video.height());
        node.put("size_bytes", video.sizeBytes());
        if (video.error() != null) {
            node.put("error", video.error());
        }
        node.set("fallbacks", read(video.fallbacksJson(), JsonNode::isArray, mapper.createArrayNode()));
        return node;
    }

    void progress(String storyId, int version, ObjectNode data) {
        videos.setProgress(storyId, version, data.toString());
    }

    /** The stored JSON if it is the expected kind of node, else {@code otherwise} (the page never breaks on a bad row). */
    private JsonNode read(String json, Predicate<JsonNode> expected, JsonNode otherwise) {
        if (json == null) {
            return otherwise;
        }
        try {
            JsonNode node = mapper.readTree(json);
            return node != null && expected.test(node) ? node : otherwise;
        } catch (JsonProcessingException e) {
            return otherwise;
        }
    }
}
