package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mix: voices at their place, music looped under them, ducked while they speak, faded at the ends. */
class SoundtrackTest {

    private static final int RATE = Audio.SAMPLE_RATE;

    private static double rms(float[] samples, double fromSeconds, double toSeconds) {
        double sum = 0;
        int from = (int) (fromSeconds * RATE);
        int to = (int) (toSeconds * RATE);
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void musicDropsUnderTheVoiceAndComesBackAfterIt() {
        float[] music = ToneNarrator.tone(2.0, 110);
        float[] voice = ToneNarrator.tone(3.0, 880);

        float[] withVoice = Soundtrack.mix(14 * RATE, List.of(new Soundtrack.Placed(4 * RATE, voice)), Optional.of(music));
        float[] musicOnly = Soundtrack.mix(14 * RATE, List.of(), Optional.of(music));
        float[] voiceOnly = Soundtrack.mix(14 * RATE, List.of(new Soundtrack.Placed(4 * RATE, voice)), Optional.empty());

        double musicUnderVoice = rms(difference(withVoice, voiceOnly), 5.0, 6.5);
        double musicBetween = rms(difference(withVoice, voiceOnly), 2.0, 3.5);
        assertThat(musicUnderVoice).as("ducked").isLessThan(musicBetween / 2.5);
        assertThat(rms(musicOnly, 2.0, 3.5)).as("music alone is louder than music under a voice").isGreaterThan(musicBetween);
        assertThat(rms(withVoice, 8.5, 9.5)).as("music is back after the voice, looped").isGreaterThan(musicUnderVoice * 2);
    }

    @Test
    void musicFadesInAndOutAndVoicesLandWhereTheyArePlaced() {
        float[] mix = Soundtrack.mix(10 * RATE, List.of(new Soundtrack.Placed(RATE, ToneNarrator.tone(1.0, 440))),
                Optional.of(ToneNarrator.tone(3.0, 110)));

        assertThat(Math.abs(mix[0])).isLessThan(0.001f);
        assertThat(rms(mix, 9.95, 10.0)).isLessThan(rms(mix, 5.0, 6.0) / 10);
        float[] voiceOnly = Soundtrack.mix(3 * RATE, List.of(new Soundtrack.Placed(RATE, ToneNarrator.tone(1.0, 440))), Optional.empty());
        assertThat(rms(voiceOnly, 0.0, 0.99)).isZero();
        assertThat(rms(voiceOnly, 1.0, 2.0)).isGreaterThan(0.5);
        assertThat(rms(voiceOnly, 2.01, 3.0)).isZero();
    }

    private static float[] difference(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
