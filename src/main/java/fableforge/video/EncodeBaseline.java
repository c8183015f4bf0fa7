package fableforge.video;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * FFmpeg alone, for the benchmark: encodes {@code count} frames taken from a few already-composed
 * ones, at exactly the settings a render uses, so the difference to a whole render is the cost of
 * our own work (camera motion, dissolves, captions). The frames are played forwards then backwards
 * (ping-pong) rather than looped, so the encoder sees continuous motion and no artificial cuts.
 */
public final class EncodeBaseline {

    private EncodeBaseline() {
    }

    public static Duration encode(List<VideoFrame> frames, int count, RenderQuality quality, Path output) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to encode");
        }
        FrameSize size = frames.getFirst().size();
        long started = System.nanoTime();
        try (VideoEncoder encoder = VideoEncoder.open(output,
                new VideoEncoder.Settings(size, VideoAssembler.FPS, quality.preset(), quality.crf(), false))) {
            int period = Math.max(1, 2 * frames.size() - 2);
            for (int f = 0; f < count; f++) {
                int step = f % period;
                encoder.frame(frames.get(step < frames.size() ? step : period - step));
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
