package fableforge.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.store.OutboxEvent;
import fableforge.event.StoryEvent;
import java.util.Optional;
import java.util.Set;

/** Which story events are worth a row in the tracking sheet, and what the row says. */
public final class TrackingRows {

    /** Progress and heartbeat-like events (e.g. {@code video_progress}) are left out: they would flood the sheet. */
    static final Set<String> TRACKED = Set.of("story_created", "scenes_approved", "image_ready", "image_failed",
            "approval_update", "all_approved", "story_complete", "story_error", "video_ready");

    private final ObjectMapper mapper;

    public TrackingRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<TrackingRow> row(OutboxEvent outbox) {
        StoryEvent event = outbox.event();
        if (!TRACKED.contains(event.name())) {
            return Optional.empty();
        }
        JsonNode data = parse(event.dataJson());
        return Optional.of(new TrackingRow(event.createdAt(), event.storyId(), event.seq(), event.name(),
                outbox.heroName(), outbox.animal(), number(data, "scene_number"), status(event.name(), data),
                number(data, "attempt"), text(data, "prompt"), url(data), detail(event.name(), data)));
    }

    private static String status(String event, JsonNode data) {
        return switch (event) {
            case "story_created" -> "scenes_ready";
            case "scenes_approved" -> "generating";
            case "image_failed" -> "failed";
            case "all_approved" -> "all_approved";
            case "story_complete" -> "images_ready";
            case "story_error" -> "error";
            case "video_ready" -> "video_ready";
            default -> text(data, "status");
        };
    }

    private static String detail(String event, JsonNode data) {
        return switch (event) {
            case "story_created" -> String.join("; ", "setting: " + text(data, "setting"),
                    "style: " + text(data, "visual_style"), "aspect: " + text(data, "aspect_ratio"));
            case "scenes_approved" -> data.path("edited_scenes").asInt() + " of 20 scenes edited";
            case "approval_update" -> data.path("approved_count").asInt() + "/20 approved";
            case "story_complete" -> data.path("completed_scenes").asInt() + "/" + data.path("total_scenes").asInt() + " images";
            case "image_failed" -> text(data, "error");
            case "story_error" -> text(data, "message");
            default -> null;
        };
    }

    /** Images carry {@code url}; a finished video (a later issue) may name it {@code video_url}. */
    private static String url(JsonNode data) {
        String url = text(data, "url");
        return url != null ? url : text(data, "video_url");
    }

    private static Integer number(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : null;
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // The log only holds JSON we wrote; an unreadable entry still gets its row, without details.
            return mapper.createObjectNode();
        }
    }
}
