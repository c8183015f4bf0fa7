package fableforge.store;

/**
 * Names one job row: an image attempt (story, scene, attempt) or a video render (story, version;
 * {@code scene} is 0).
 */
public record JobKey(String storyId, int scene, int number) {

    @Override
    public String toString() {
        return scene == 0 ? storyId + " v" + number : storyId + " scene " + scene + "." + number;
    }
}
