package fableforge.video;

import fableforge.story.SceneShares;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How long each scene stays on screen. Without a chosen length a scene lasts as long as its caption takes
 * to read, or as the voice plus a breath before and after; never less than {@code minSceneSeconds}. With a
 * chosen length the scenes share it by the weight of their beat, each at least {@link #minShareSeconds}
 * and at least as long as its voice needs, so the voice sets the pace within the length. Scenes overlap by
 * {@code crossfadeSeconds} while one dissolves into the next.
 *
 * @param readingWordsPerSecond caption reading speed; 2.8 words/s ≈ 17 characters/s, the usual subtitle pace
 */
public record Pacing(double minSceneSeconds, double readingWordsPerSecond, double narrationLeadSeconds,
                     double narrationTailSeconds, double crossfadeSeconds) {

    public static final Pacing STANDARD = new Pacing(3.0, 2.8, 0.3, 0.5, 0.5);
    /** The shortest a scene of a chosen-length video lasts, when the length leaves room for it. */
    static final double MIN_SHARE_SECONDS = 1.5;

    public Pacing {
        if (!(minSceneSeconds > crossfadeSeconds) || crossfadeSeconds < 0 || !(readingWordsPerSecond > 0)) {
            throw new IllegalArgumentException("a scene must last longer than its crossfade, and reading speed must be positive");
        }
    }

    /** Seconds the scene has to itself: from the middle of its fade-in to the middle of its fade-out. */
    public double sceneSeconds(String text, OptionalDouble narrationSeconds) {
        double needed = narrationSeconds.isPresent()
                ? voicedSeconds(narrationSeconds.getAsDouble())
                : text.strip().split("\\s+").length / readingWordsPerSecond + 0.5;
        return Math.max(minSceneSeconds, needed);
    }

    /**
     * Each scene's own seconds in a video of {@code lengthSeconds}: the length shared by the scenes' beat
     * weights, every scene at least the minimum share and at least its voice with its breaths. Only when
     * the voices alone need more than the length does the video run longer.
     */
    public double[] sceneSeconds(List<Integer> sceneNumbers, List<OptionalDouble> voices, double lengthSeconds) {
        int count = sceneNumbers.size();
        double[] weights = new double[count];
        double[] floors = new double[count];
        double minimum = minShareSeconds(lengthSeconds, count);
        for (int i = 0; i < count; i++) {
            weights[i] = SceneShares.weight(sceneNumbers.get(i));
            floors[i] = Math.max(minimum, voices.get(i).isPresent() ? voicedSeconds(voices.get(i).getAsDouble()) : 0);
        }
        return SceneShares.fit(SceneShares.split(lengthSeconds, weights), floors, lengthSeconds);
    }

    /** Each scene's share of {@code lengthSeconds} by beat weight: what its narration line is sized for. */
    public static double[] shares(List<Integer> sceneNumbers, double lengthSeconds) {
        return SceneShares.split(lengthSeconds, sceneNumbers.stream().mapToDouble(SceneShares::weight).toArray());
    }

    /** {@link #MIN_SHARE_SECONDS}, or less when the length is too short for it, but always longer than a crossfade. */
    double minShareSeconds(double lengthSeconds, int scenes) {
        return Math.max(crossfadeSeconds + 0.1, Math.min(MIN_SHARE_SECONDS, 0.9 * lengthSeconds / scenes));
    }

    private double voicedSeconds(double voice) {
        return narrationLeadSeconds + voice + narrationTailSeconds;
    }

    public int crossfadeFrames(int fps) {
        return (int) Math.round(crossfadeSeconds * fps);
    }
}
