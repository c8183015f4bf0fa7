package fableforge.event;

import java.time.Instant;

/** One entry of a story's event log; {@code seq} counts 1, 2, 3, … per story and is the SSE {@code id:}. */
public record StoryEvent(String storyId, long seq, String name, String dataJson, Instant createdAt) {
}
