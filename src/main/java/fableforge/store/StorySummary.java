package fableforge.store;

import java.time.Instant;

/**
 * One line of the story list: who the hero is, where the story stands, and how many scenes have an
 * image to look at ({@code completedScenes}) or an approved one ({@code approvedScenes}), and whose
 * it is ({@code ownerId}, null for a story made without accounts).
 */
public record StorySummary(
        String storyId,
        String heroName,
        String animal,
        StoryStatus status,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        int completedScenes,
        int approvedScenes) {
}
