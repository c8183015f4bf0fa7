package fableforge.provider.openai;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI and any server speaking its API (Ollama, vLLM, LM Studio, LocalAI). {@code chatModel} may be
 * {@code auto} until the start-up check resolves it; {@code models} is the model table
 * ({@code models.json} or {@code MODEL_TABLE_FILE}).
 */
public record OpenAiSettings(
        Optional<String> apiKey,
        URI baseUrl,
        String chatModel,
        String imageModel,
        String imageQuality,
        String imageStyle,
        boolean referenceConsistency,
        Duration timeout,
        ModelTable models) {

    public static OpenAiSettings read(SettingsReader reader) {
        return new OpenAiSettings(
                reader.text("OPENAI_API_KEY"),
                reader.url("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                reader.text("OPENAI_CHAT_MODEL", ModelLifecycle.AUTO),
                reader.text("OPENAI_IMAGE_MODEL", "gpt-image-2"),
                reader.text("OPENAI_IMAGE_QUALITY").map(String::toLowerCase).orElse(""),
                reader.choice("OPENAI_IMAGE_STYLE", List.of("vivid", "natural")).orElse("vivid"),
                reader.choice("IMAGE_CONSISTENCY", List.of("none", "reference")).orElse("none").equals("reference"),
                Duration.ofSeconds(reader.integer("OPENAI_TIMEOUT_SECONDS", 120, 1, 3_600)),
                modelTable(reader));
    }

    /** A chosen stage that writes with OpenAI needs a usable endpoint: a start-up error, not a failure at first use. */
    public void check(boolean chosen, SettingsReader reader) {
        if (chosen && !usable()) {
            reader.problem("STORY_PROVIDER/IMAGE_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)");
        }
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "apiKey");
    }

    /** The same settings with the chat model the start-up check chose for {@code auto}. */
    public OpenAiSettings withChatModel(String model) {
        return new OpenAiSettings(apiKey, baseUrl, model, imageModel, imageQuality, imageStyle, referenceConsistency, timeout, models);
    }

    /**
     * Whether calls can be made: a key, or a base URL of a compatible server that needs none. The one
     * place this rule lives: stories, images, narration and the model check all ask here.
     */
    public boolean usable() {
        return apiKey.isPresent() || !baseUrl.getHost().endsWith("openai.com");
    }

    private static ModelTable modelTable(SettingsReader reader) {
        try {
            return ModelTable.load(reader.text("MODEL_TABLE_FILE").map(Path::of));
        } catch (IllegalArgumentException e) {
            reader.problem(e.getMessage());
            return ModelTable.builtIn();
        }
    }
}
