package fableforge.video;

import java.util.OptionalDouble;

/**
 * How long each scene stays on screen. Without narration a scene lasts as long as its caption takes
 * to read; with narration, as long as the voice plus a breath before and after; never less than
 * {@code minSceneSeconds}. Scenes overlap by {@code crossfadeSeconds} while one dissolves into the next.
 *
 * @param readingWordsPerSecond caption reading speed; 2.8 words/s ≈ 17 characters/s, the usual subtitle pace
 */
public record Pacing(double minSceneSeconds, double readingWordsPerSecond, double narrationLeadSeconds,
                     double narrationTailSeconds, double crossfadeSeconds) {

    public static final Pacing STANDARD = new Pacing(3.0, 2.8, 0.3, 0.5, 0.5);

    public Pacing {
        if (!(minSceneSeconds > crossfadeSeconds) || crossfadeSeconds < 0 || !(readingWordsPerSecond > 0)) {
            throw new IllegalArgumentException("a scene must last longer than its crossfade, and reading speed must be positive");
        }
    }

    /** Seconds the scene has to itself: from the middle of its fade-in to the middle of its fade-out. */
    public double sceneSeconds(String text, OptionalDouble narrationSeconds) {
        double needed = narrationSeconds.isPresent()
                ? narrationLeadSeconds + narrationSeconds.getAsDouble() + narrationTailSeconds
                : text.strip().split("\\s+").length / readingWordsPerSecond + 0.5;
        return Math.max(minSceneSeconds, needed);
    }

    public int crossfadeFrames(int fps) {
        return (int) Math.round(crossfadeSeconds * fps);
    }
}
