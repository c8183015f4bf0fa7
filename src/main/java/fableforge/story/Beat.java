package fableforge.story;

import java.util.Arrays;

/** The eight beats of the 20-scene Power Fantasy structure (DESIGN §3), each owning a range of scenes. */
public enum Beat {
    UNDERDOG(1, 4, "underdog setup: rejection, sadness"),
    DISCOVERY(5, 6, "discovery of something powerful"),
    SETBACK(7, 8, "first failure or obstacle"),
    TRAINING(9, 10, "training / building montage"),
    TRANSFORMATION(11, 12, "transformation"),
    POWER_DISPLAY(13, 14, "power display"),
    CHALLENGE(15, 19, "challenge, justice, redemption"),
    TRIUMPH(20, 20, "closing triumph and symbolism");

    public static final int TOTAL_SCENES = 20;

    private final int firstScene;
    private final int lastScene;
    private final String description;

    Beat(int firstScene, int lastScene, String description) {
        this.firstScene = firstScene;
        this.lastScene = lastScene;
        this.description = description;
    }

    public static Beat ofScene(int sceneNumber) {
        return Arrays.stream(values())
                .filter(beat -> sceneNumber >= beat.firstScene && sceneNumber <= beat.lastScene)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "scene number must be 1.." + TOTAL_SCENES + ", was " + sceneNumber));
    }

    /** The snake_case name used in JSON and on the wire. */
    public String id() {
        return name().toLowerCase();
    }

    public static Beat fromId(String id) {
        return valueOf(id.toUpperCase());
    }

    public int firstScene() {
        return firstScene;
    }

    public int lastScene() {
        return lastScene;
    }

    public int sceneCount() {
        return lastScene - firstScene + 1;
    }

    /** 0-based position of a scene inside this beat. */
    public int positionOf(int sceneNumber) {
        return sceneNumber - firstScene;
    }

    public String description() {
        return description;
    }
}
