package fableforge.video;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Sound as the video uses it: mono 32-bit float samples at 48 kHz, decoded from any file FFmpeg reads. */
public final class Audio {

    public static final int SAMPLE_RATE = 48_000;

    private Audio() {
    }

    /** Decodes WAV, MP3, AAC, FLAC, Ogg… to mono 48 kHz samples. */
    public static float[] decode(byte[] file) throws IOException {
        return decode(new ByteArrayInputStream(file));
    }

    public static float[] decode(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in);
        }
    }

    private static float[] decode(InputStream in) throws IOException {
        FFmpegLog.quiet();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(in, 0)) {
            grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            grabber.setSampleRate(SAMPLE_RATE);
            grabber.setAudioChannels(1);
            grabber.start();
            if (!grabber.hasAudio()) {
                throw new IOException("the file has no sound");
            }
            float[] samples = new float[SAMPLE_RATE * 10];
            int length = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) {
                    continue;
                }
                FloatBuffer buffer = (FloatBuffer) frame.samples[0];
                buffer.rewind();
                int count = buffer.remaining();
                if (length + count > samples.length) {
                    samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + count));
                }
                buffer.get(samples, length, count);
                length += count;
            }
            grabber.stop();
            if (length == 0) {
                throw new IOException("the file has no sound");
            }
            return Arrays.copyOf(samples, length);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("the sound could not be decoded: " + e.getMessage(), e);
        }
    }

    public static double seconds(float[] samples) {
        return samples.length / (double) SAMPLE_RATE;
    }

    /** A 16-bit PCM mono WAV file of {@code samples}, for the hand-off folder and for tests. */
    public static byte[] wav(float[] samples, int sampleRate) {
        ByteBuffer wav = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (float sample : samples) {
            wav.putShort((short) Math.round(Math.clamp(sample, -1f, 1f) * 32767));
        }
        return wav.array();
    }
}
