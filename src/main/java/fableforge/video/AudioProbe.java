package fableforge.video;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Whether a file is sound FFmpeg can read, and how long it plays, from its header and first
 * packets: an uploaded music file is checked this way when it arrives, without decoding all of it.
 */
public final class AudioProbe {

    private AudioProbe() {
    }

    /**
     * The file's length in seconds (0 when its container does not say).
     *
     * @throws IOException when FFmpeg cannot open it or it has no audio stream
     */
    public static double seconds(Path file) throws IOException {
        FFmpegLog.quiet();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            if (!grabber.hasAudio() || grabber.getAudioChannels() < 1) {
                throw new IOException("it has no sound");
            }
            // One decoded packet proves the stream is really audio FFmpeg can decode, not just a header.
            if (grabber.grabSamples() == null) {
                throw new IOException("its sound could not be decoded");
            }
            long micros = grabber.getLengthInTime();
            grabber.stop();
            return micros > 0 ? micros / 1e6 : 0;
        } catch (FrameGrabber.Exception e) {
            // FFmpeg's message names the file (a server path) and its own internals: kept as the cause for logs only.
            throw new IOException("FFmpeg cannot read it as audio", e);
        }
    }
}
