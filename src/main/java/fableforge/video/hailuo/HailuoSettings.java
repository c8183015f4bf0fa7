package fableforge.video.hailuo;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Hailuo (MiniMax) video generation: key, model, resolution, the optional GroupId of older accounts, task deadline. */
public record HailuoSettings(Optional<String> apiKey, URI baseUrl, String model, String resolution, Optional<String> groupId, Duration timeout) {

    public static HailuoSettings read(SettingsReader reader) {
        String model = reader.text("HAILUO_MODEL", "MiniMax-Hailuo-02");
        // Each model renders only some resolutions (HailuoModels): a wrong pair stops start-up instead of failing every clip with 2013.
        var known = HailuoModels.find(model);
        String resolution = reader.text("HAILUO_RESOLUTION").map(String::toUpperCase)
                .orElse(known.map(HailuoModels.Model::defaultResolution).orElse("768P"));
        if (known.isPresent() && !known.get().resolutions().contains(resolution)) {
            reader.problem("HAILUO_RESOLUTION=" + resolution + " is not offered by HAILUO_MODEL=" + model
                    + ": use one of " + String.join(", ", known.get().resolutions()));
        }
        return new HailuoSettings(reader.text("HAILUO_AUTH"), reader.url("HAILUO_BASE_URL", "https://api.minimax.io"),
                model, resolution, reader.text("HAILUO_GROUP_ID"),
                Duration.ofSeconds(reader.integer("HAILUO_TIMEOUT_SECONDS", 600, 10, 7_200)));
    }

    /** Chosen as the clip source, Hailuo needs its key. */
    public void check(boolean chosen, SettingsReader reader) {
        if (chosen && apiKey.isEmpty()) {
            reader.problem("VIDEO_CLIPS=hailuo needs HAILUO_AUTH (the MiniMax API key)");
        }
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "apiKey");
    }
}
