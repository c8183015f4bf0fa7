package fableforge.store;

import java.time.Instant;

/**
 * One line of the story list: who the hero is, where the story stands, and how many scenes have an
 * image to look at ({@code completedScenes}) or an approved one ({@code approvedScenes}).
 */
public record StorySummary(
        String storyId,
        String heroName,
        String animal,
        String status,
        Instant createdAt,
        Instant updatedAt,
        int completedScenes,
        int approvedScenes) {
}
