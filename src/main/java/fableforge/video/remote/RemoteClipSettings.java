package fableforge.video.remote;

import fableforge.settings.SettingsReader;
import java.time.Duration;
import java.util.List;

/**
 * The clip of each scene: {@code local} (camera motion over the still, no key) or a remote image-to-video
 * service (paid; a scene whose clip fails gets camera motion instead), and the limits every remote one shares.
 *
 * @param clips         {@code VIDEO_CLIPS}: {@code local} or the name of a remote service
 * @param maxConcurrent tasks in flight at the service at once
 * @param ratePerMinute tasks started a minute
 * @param maxTries      tries of one scene's clip before it falls back to camera motion
 * @param pollInterval  first wait between status calls (then longer, up to four times this)
 */
public record RemoteClipSettings(String clips, int maxConcurrent, int ratePerMinute, int maxTries, Duration pollInterval) {

    public static final String LOCAL = "local";

    /** @param choices {@code local} and the name of every remote service the composition root lists */
    public static RemoteClipSettings read(SettingsReader reader, List<String> choices) {
        return new RemoteClipSettings(
                reader.choice("VIDEO_CLIPS", choices).orElse(LOCAL),
                reader.integer("VIDEO_MAX_CONCURRENT", 2, 1, 100),
                reader.integer("VIDEO_RATE_PER_MIN", 6, 1, 1_000),
                reader.integer("VIDEO_MAX_TRIES", 3, 1, 10),
                Duration.ofMillis(reader.integer("VIDEO_POLL_MS", 5_000, 1, 600_000)));
    }
}
