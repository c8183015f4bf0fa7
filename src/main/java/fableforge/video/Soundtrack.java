package fableforge.video;

import java.util.List;
import java.util.Optional;

/**
 * The video's sound, mixed in memory: each narration at its place on the timeline, and the optional
 * music looped (or cut) to the video's length under it. The music drops while a voice speaks
 * (ducking, with smooth attack and release so it never clicks), fades in at the start and out at the end.
 */
final class Soundtrack {

    static final float MUSIC_ALONE = 0.5f;
    static final float MUSIC_UNDER_VOICE = 0.32f;
    static final float MUSIC_DUCKED = 0.1f;
    private static final float VOICE_PEAK = 0.9f;
    private static final double FADE_IN_SECONDS = 1.0;
    private static final double FADE_OUT_SECONDS = 3.0;
    private static final double DUCK_MARGIN_SECONDS = 0.25;
    private static final double DUCK_TIME_CONSTANT_SECONDS = 0.12;

    /** A narration placed at {@code startSample}. */
    record Placed(int startSample, float[] samples) {
    }

    private Soundtrack() {
    }

    static float[] mix(int totalSamples, List<Placed> voices, Optional<float[]> music) {
        float[] out = new float[totalSamples];
        music.filter(samples -> samples.length > 0).ifPresent(samples -> addMusic(out, samples, voices));
        for (Placed voice : voices) {
            float gain = VOICE_PEAK / Math.max(1e-4f, peak(voice.samples()));
            for (int i = 0; i < voice.samples().length && voice.startSample() + i < out.length; i++) {
                out[voice.startSample() + i] += voice.samples()[i] * gain;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.clamp(out[i], -1f, 1f);
        }
        return out;
    }

    private static void addMusic(float[] out, float[] music, List<Placed> voices) {
        boolean[] speaking = speaking(out.length, voices);
        float open = voices.isEmpty() ? MUSIC_ALONE : MUSIC_UNDER_VOICE;
        double follow = 1 - Math.exp(-1.0 / (DUCK_TIME_CONSTANT_SECONDS * Audio.SAMPLE_RATE));
        double gain = speaking.length > 0 && speaking[0] ? MUSIC_DUCKED : open;
        int fadeIn = (int) (FADE_IN_SECONDS * Audio.SAMPLE_RATE);
        int fadeOut = (int) Math.min(out.length / 2.0, FADE_OUT_SECONDS * Audio.SAMPLE_RATE);
        float musicPeak = Math.max(1e-4f, peak(music));
        for (int i = 0; i < out.length; i++) {
            gain += ((speaking[i] ? MUSIC_DUCKED : open) - gain) * follow;
            double fade = Math.min(1, Math.min(i / (double) Math.max(1, fadeIn), (out.length - i) / (double) Math.max(1, fadeOut)));
            out[i] += (float) (music[i % music.length] / musicPeak * gain * fade);
        }
    }

    /** Where a voice speaks, widened a little so the music is already down when the first word comes. */
    private static boolean[] speaking(int length, List<Placed> voices) {
        boolean[] speaking = new boolean[length];
        int margin = (int) (DUCK_MARGIN_SECONDS * Audio.SAMPLE_RATE);
        for (Placed voice : voices) {
            int from = Math.max(0, voice.startSample() - margin);
            int to = Math.min(length, voice.startSample() + voice.samples().length + margin);
            java.util.Arrays.fill(speaking, from, Math.max(from, to), true);
        }
        return speaking;
    }

    static float peak(float[] samples) {
        float peak = 0;
        for (float sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
