package fableforge.store;

import java.time.Instant;
import java.util.List;

/** A stored story with its current status and its scenes in order of number. */
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
        String status,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        List<SceneRow> scenes) {

    public static final String SCENES_READY = "scenes_ready";
    public static final String GENERATING = "generating";
    public static final String IMAGES_READY = "images_ready";
    public static final String ALL_APPROVED = "all_approved";
    public static final String FAILED = "failed";

    /** Every status a story can have, in the order a story usually goes through them. */
    public static final List<String> STATUSES = List.of(SCENES_READY, GENERATING, IMAGES_READY, ALL_APPROVED, FAILED);

    public StoryRecord {
        scenes = List.copyOf(scenes);
    }
}
