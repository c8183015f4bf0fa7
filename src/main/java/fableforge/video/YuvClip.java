package fableforge.video;

/** A clip that can draw its frames straight into the encoder's YUV planes (the local camera move), skipping BGR. */
interface YuvClip extends SceneClip {

    /** Draws frame {@code index} over the whole of {@code target}; safe to call from several threads at once. */
    void render(int index, YuvFrame target);

    /** Mixes frame {@code index} over {@code target}: {@code opacity} 0 keeps the target, 1 replaces it (a dissolve). */
    void render(int index, YuvFrame target, double opacity);
}
