package fableforge.video;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Reads back an MP4 the way a player does: its streams, and the picture at a given time. */
public record VideoProbe(int width, int height, double fps, double seconds, String videoCodec, boolean hasAudio, String audioCodec,
                  int audioChannels, int sampleRate) {

    public static VideoProbe of(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return new VideoProbe(grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFrameRate(),
                    grabber.getLengthInTime() / 1e6, grabber.getVideoCodecName(), grabber.hasAudio(), grabber.getAudioCodecName(),
                    grabber.getAudioChannels(), grabber.getSampleRate());
        }
    }

    /** The picture shown at {@code seconds}, as an RGB image. */
    static BufferedImage frameAt(Path file, double seconds) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            grabber.setVideoTimestamp((long) (seconds * 1e6));
            Frame frame = grabber.grabImage();
            BufferedImage image = converter.convert(frame);
            BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(image, 0, 0, null);
            return copy;
        }
    }

    /** The root-mean-square level of the sound between two times, 0 for silence. */
    static double loudness(Path file, double from, double to) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleMode(org.bytedeco.javacv.FrameGrabber.SampleMode.FLOAT);
            grabber.start();
            double sum = 0;
            long count = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                double at = frame.timestamp / 1e6;
                if (at < from || at > to || frame.samples == null) {
                    continue;
                }
                java.nio.FloatBuffer samples = (java.nio.FloatBuffer) frame.samples[0];
                samples.rewind();
                while (samples.hasRemaining()) {
                    float s = samples.get();
                    sum += s * s;
                    count++;
                }
            }
            return count == 0 ? 0 : Math.sqrt(sum / count);
        }
    }

    /** Mean absolute difference of the RGB channels of two equally sized images, 0–255. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        long total = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                total += Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
            }
        }
        return total / (3.0 * a.getWidth() * a.getHeight());
    }
}
