package fableforge.image.gemini;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Google's Gemini image models through the Gen AI SDK: the key (from Google AI Studio), the model
 * (configuration, never pinned in code), the API's base URL (a loopback fake in tests) and the
 * time limit of one call.
 */
public record GeminiSettings(Optional<String> apiKey, URI baseUrl, String imageModel, Duration timeout) {

    /**
     * The default model is Google's generally available image model (Gemini 2.5 Flash Image, per
     * ai.google.dev/gemini-api/docs/image-generation); set GEMINI_IMAGE_MODEL for another.
     */
    public static GeminiSettings read(SettingsReader reader) {
        return new GeminiSettings(
                reader.text("GEMINI_API_KEY"),
                reader.url("GEMINI_BASE_URL", "https://generativelanguage.googleapis.com"),
                reader.text("GEMINI_IMAGE_MODEL", "gemini-2.5-flash-image"),
                Duration.ofSeconds(reader.integer("GEMINI_TIMEOUT_SECONDS", 120, 1, 3_600)));
    }

    /** Chosen as the image provider, Gemini needs its key. */
    public void check(boolean chosen, SettingsReader reader) {
        if (chosen && apiKey.isEmpty()) {
            reader.problem("IMAGE_PROVIDER=gemini needs GEMINI_API_KEY (an API key from Google AI Studio)");
        }
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "apiKey");
    }
}
