package fableforge.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished video: the file, its timeline (for subtitles and the editable export), its size,
 * whether it has sound, each scene's narration (empty when silent) and how long rendering took.
 */
public record VideoResult(Path file, Timeline timeline, FrameSize size, boolean hasAudio, List<Optional<float[]>> narrations,
                          Duration renderTime) {

    public double seconds() {
        return timeline.seconds();
    }

    public double framesPerSecondRendered() {
        return timeline.totalFrames() / (renderTime.toNanos() / 1e9);
    }
}
