package fableforge.event.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.event.StoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A story event as published on Redis: {@code {"story_id","seq","name","data","created_at"}}. The
 * data travels as the exact JSON text the log holds (a string), so a receiver gets the same bytes
 * back rather than a re-serialised tree that could format numbers differently.
 */
final class EventMessage {

    private final ObjectMapper mapper = new ObjectMapper();

    byte[] encode(StoryEvent event) {
        ObjectNode node = mapper.createObjectNode()
                .put("story_id", event.storyId())
                .put("seq", event.seq())
                .put("name", event.name())
                .put("data", event.dataJson())
                .put("created_at", event.createdAt().toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Empty when the message is not one of ours (someone else publishing on the channel). */
    Optional<StoryEvent> decode(String message) {
        try {
            JsonNode node = mapper.readTree(message);
            JsonNode storyId = node.get("story_id");
            JsonNode seq = node.get("seq");
            JsonNode name = node.get("name");
            JsonNode data = node.get("data");
            JsonNode createdAt = node.get("created_at");
            if (storyId == null || !storyId.isTextual() || seq == null || !seq.canConvertToLong()
                    || name == null || !name.isTextual() || data == null || !data.isTextual()
                    || createdAt == null || !createdAt.isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new StoryEvent(storyId.asText(), seq.asLong(), name.asText(), data.asText(),
                    Instant.parse(createdAt.asText())));
        } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
