package fableforge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.event.StoryEvent;
import fableforge.media.MediaUrls;
import java.util.List;
import java.util.Set;

/**
 * Events read back from the log for a stream, their media URLs made absolute (issue 14). Events logged
 * before {@link MediaUrls} carry {@code url}/{@code thumb_url} as {@code media/<key>}, which a browser
 * resolves against {@code /story/<id>} to a 404; they are rewritten as they are replayed, the log left as it
 * is. Events emitted since carry absolute URLs already and are passed through without being parsed.
 */
final class ReplayedEvents {

    /** The fields of image_ready and video_ready that hold one of this app's media URLs. */
    private static final Set<String> URL_FIELDS = Set.of("url", "thumb_url", "srt_url", "fcpxml_url", "zip_url");

    private final MediaUrls mediaUrls;
    private final ObjectMapper mapper;

    ReplayedEvents(MediaUrls mediaUrls, ObjectMapper mapper) {
        this.mediaUrls = mediaUrls;
        this.mapper = mapper;
    }

    List<StoryEvent> forClients(List<StoryEvent> logged) {
        return logged.stream().map(this::forClient).toList();
    }

    StoryEvent forClient(StoryEvent event) {
        // Cheap test first: only old events hold a value that starts with media/.
        if (event.dataJson() == null || !event.dataJson().contains("\"media/")) {
            return event;
        }
        try {
            JsonNode data = mapper.readTree(event.dataJson());
            if (!(data instanceof ObjectNode object)) {
                return event;
            }
            boolean changed = false;
            for (String field : URL_FIELDS) {
                JsonNode value = object.get(field);
                if (value != null && value.isTextual()) {
                    String absolute = mediaUrls.forClient(value.asText());
                    if (!absolute.equals(value.asText())) {
                        object.put(field, absolute);
                        changed = true;
                    }
                }
            }
            return changed ? new StoryEvent(event.storyId(), event.seq(), event.name(), mapper.writeValueAsString(object), event.createdAt())
                    : event;
        } catch (JsonProcessingException e) {
            return event; // not ours to judge here: the stream sends what was logged
        }
    }
}
