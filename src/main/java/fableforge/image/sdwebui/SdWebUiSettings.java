package fableforge.image.sdwebui;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Stable Diffusion WebUI (AUTOMATIC1111, Forge, SD.Next) with {@code --api}. */
public record SdWebUiSettings(
        URI url,
        Optional<String> basicAuth,
        String negativePrompt,
        int steps,
        double cfgScale,
        String sampler,
        int baseSize,
        Duration timeout) {

    public static SdWebUiSettings read(SettingsReader reader) {
        SdWebUiSettings settings = new SdWebUiSettings(
                reader.url("SD_WEBUI_URL", "http://127.0.0.1:7860"),
                reader.text("SD_WEBUI_AUTH"),
                reader.text("SD_NEGATIVE_PROMPT", "blurry, deformed, extra limbs, text, watermark, signature, lowres"),
                reader.integer("SD_STEPS", 25, 1, 150),
                reader.decimal("SD_CFG_SCALE", 7, 1, 30),
                reader.text("SD_SAMPLER", "DPM++ 2M"),
                // The side of a square frame; other aspect ratios keep its area (768: SD 1.5/2.x, 1024: SDXL).
                reader.integer("SD_BASE_SIZE", 768, 256, 2_048),
                Duration.ofSeconds(reader.integer("SD_TIMEOUT_SECONDS", 300, 1, 3_600)));
        if (settings.basicAuth().filter(auth -> auth.indexOf(':') < 1).isPresent()) {
            reader.problem("SD_WEBUI_AUTH: must look like user:password (the WebUI's --api-auth)");
        }
        return settings;
    }

    /** The basic-auth pair and its password alone, for the secret scrubber. */
    public List<String> secrets() {
        return basicAuth.map(auth -> List.of(auth, auth.substring(auth.indexOf(':') + 1))).orElse(List.of());
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "basicAuth");
    }
}
