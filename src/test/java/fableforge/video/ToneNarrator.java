package fableforge.video;

import fableforge.story.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A narrator for tests: "reads" every scene as a tone of a fixed length, and remembers what it read. */
final class ToneNarrator implements Narrator {

    private final double seconds;
    final List<Integer> read = new ArrayList<>();

    ToneNarrator(double seconds) {
        this.seconds = seconds;
    }

    @Override
    public String name() {
        return "tone";
    }

    @Override
    public Optional<float[]> narrate(String storyId, Scene scene) {
        read.add(scene.number());
        return Optional.of(tone(seconds, 330));
    }

    static float[] tone(double seconds, double hertz) {
        float[] samples = new float[(int) (seconds * Audio.SAMPLE_RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * hertz * i / Audio.SAMPLE_RATE));
        }
        return samples;
    }
}
