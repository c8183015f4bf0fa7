package fableforge.image;

/**
 * One call to an image provider.
 *
 * @param storyId a stable id of the story (used to derive deterministic seeds and media keys)
 * @param attempt 1 for the first try of this scene, counting up on retries and regenerations
 * @param prompt  the final (standardized, sanitized) text prompt
 */
public record ImageRequest(String storyId, int attempt, String prompt, ImageBrief brief) {

    public int sceneNumber() {
        return brief.sceneNumber();
    }
}
