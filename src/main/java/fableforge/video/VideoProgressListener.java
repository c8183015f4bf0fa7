package fableforge.video;

/** Hears how a video is coming along: which stage, which scene; and how many frames are written. */
public interface VideoProgressListener {

    enum Stage {
        NARRATING, CLIP, RENDERING, FINISHING;

        /** The snake_case name used in events. */
        public String id() {
            return name().toLowerCase();
        }
    }

    /** {@code sceneNumber} is 0 for stages that concern the whole video. */
    void stage(Stage stage, int sceneNumber, int sceneCount);

    default void frames(int written, int total) {
    }

    VideoProgressListener NONE = (stage, sceneNumber, sceneCount) -> { };
}
