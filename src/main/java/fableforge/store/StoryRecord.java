package fableforge.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored story with its current status and its scenes in order of number; {@code eventSeq} is the
 * sequence number of its last logged event when it was read (what it reflects at least).
 */
public record StoryRecord(
        String storyId,
        String answersJson,
        long seed,
        String heroJson,
        String heroName,
        String animal,
        String characterBible,
        String setting,
        String visualStyle,
        String aspectRatio,
        StoryStatus status,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        long eventSeq,
        List<SceneRow> scenes) {

    public StoryRecord {
        scenes = List.copyOf(scenes);
    }
}
