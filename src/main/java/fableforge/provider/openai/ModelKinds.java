package fableforge.provider.openai;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which kind a model id of {@code GET /models} is, to name the available ones when a configured model
 * is missing. OpenAI's list has no kind field, so this reads OpenAI's naming: chat models are
 * {@code gpt-…} and {@code o<n>…} without a special-purpose word, speech models carry {@code tts}.
 */
public final class ModelKinds {

    private static final Pattern REASONING = Pattern.compile("o\\d.*");
    private static final List<String> NOT_CHAT = List.of("image", "tts", "audio", "realtime", "transcribe", "embedding", "search",
            "moderation", "dall-e", "whisper", "codex", "computer-use", "instruct");

    private ModelKinds() {
    }

    public static boolean chat(String id) {
        return (id.startsWith("gpt-") || REASONING.matcher(id).matches()) && NOT_CHAT.stream().noneMatch(id::contains);
    }

    public static boolean speech(String id) {
        return id.contains("tts");
    }
}
