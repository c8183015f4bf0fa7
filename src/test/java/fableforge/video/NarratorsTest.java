package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.provider.openai.ModelTable;
import fableforge.provider.openai.OpenAiSettings;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which narrations are offered, and what choosing one that cannot run here says. */
class NarratorsTest {

    private static OpenAiSettings openAi(Optional<String> key, String baseUrl) {
        return new OpenAiSettings(key, URI.create(baseUrl), "auto", "gpt-image-2", "", "vivid", false, Duration.ofSeconds(30),
                ModelTable.builtIn());
    }

    private static Narrators narrators(OpenAiSettings openAi, boolean localSpeech) {
        return new Narrators(openAi, new SpeechSettings("tts-1", "alloy"), PriceTable.builtIn(), Clock.systemUTC(), localSpeech);
    }

    @Test
    void openAiSpeechIsOfferedWithAKeyOrACompatibleServerButNotOpenAisOwnServerWithoutAKey() {
        assertThat(narrators(openAi(Optional.of("sk-x"), "https://api.openai.com/v1"), false).available()).containsExactly("none", "openai");
        assertThat(narrators(openAi(Optional.empty(), "http://127.0.0.1:11434/v1"), false).available()).containsExactly("none", "openai");
        assertThat(narrators(openAi(Optional.empty(), "https://api.openai.com/v1"), false).available()).containsExactly("none");
    }

    @Test
    void localSpeechIsOfferedOnlyWhenAnEngineIsInstalled() {
        assertThat(narrators(openAi(Optional.empty(), "https://api.openai.com/v1"), true).available()).containsExactly("none", "local");
    }

    @Test
    void choosingOpenAiWithoutAKeyNamesTheSettingAndNoneNeedsNothing() {
        Narrators narrators = narrators(openAi(Optional.empty(), "https://api.openai.com/v1"), false);

        assertThat(narrators.narrator("none", SpendMeter.NONE)).isSameAs(Narrator.NONE);
        assertThatThrownBy(() -> narrators.narrator("openai", SpendMeter.NONE)).isInstanceOf(IllegalStateException.class)
                .hasMessage("narration by OpenAI needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)");
        assertThatThrownBy(() -> narrators.narrator("opera", SpendMeter.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none, local or openai");
    }

    @Test
    void openAiWithAKeyGivesTheOpenAiNarrator() {
        assertThat(narrators(openAi(Optional.of("sk-x"), "https://api.openai.com/v1"), false).narrator("openai", SpendMeter.NONE))
                .isInstanceOf(OpenAiNarrator.class);
    }
}
