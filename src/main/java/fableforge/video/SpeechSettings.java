package fableforge.video;

import fableforge.provider.openai.ModelLifecycle;
import fableforge.settings.SettingsReader;

/**
 * Narration by OpenAI text-to-speech (key, base URL and timeout are {@code OpenAiSettings}'): the model
 * ({@code auto}, {@code gpt-4o-mini-tts}, {@code tts-1}, or what a compatible server calls its own) and the voice.
 */
public record SpeechSettings(String model, String voice) {

    public static SpeechSettings read(SettingsReader reader) {
        return new SpeechSettings(reader.text("OPENAI_TTS_MODEL", ModelLifecycle.AUTO), reader.text("OPENAI_TTS_VOICE", "alloy"));
    }
}
