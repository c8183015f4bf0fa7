package fableforge.provider.openai;

import fableforge.settings.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Start-up's model check (OpenAI's {@code GET /models}) for every OpenAI model the configuration uses:
 * chat when OpenAI writes, image when it draws, speech when OpenAI narration is offered (whenever
 * {@link OpenAiSettings#usable()}). Model names stay configuration; this is where they are checked.
 */
public final class StartUpModelCheck {

    private StartUpModelCheck() {
    }

    /**
     * @param speechModel {@code OPENAI_TTS_MODEL} as configured ({@code auto} is resolved, not required)
     * @return the watch that repeats the check once a day, or empty when no OpenAI model is in use
     * @throws ConfigException when a configured model is retired or not available to the key
     */
    public static Optional<ModelWatch> run(OpenAiSettings openAi, String speechModel, boolean writes, boolean draws, Clock clock) {
        List<ModelLifecycle.Wanted> wanted = new ArrayList<>();
        ModelTable table = openAi.models();
        if (writes) {
            wanted.add(new ModelLifecycle.Wanted("chat", "OPENAI_CHAT_MODEL", openAi.chatModel(), table.chatPreference(),
                    ModelKinds::chat, true));
        }
        if (draws) {
            wanted.add(new ModelLifecycle.Wanted("image", "OPENAI_IMAGE_MODEL", openAi.imageModel(), List.of(openAi.imageModel()),
                    id -> table.imageFamily(id).known(), true));
        }
        if (openAi.usable()) { // narration by OpenAI is offered
            wanted.add(new ModelLifecycle.Wanted("speech", "OPENAI_TTS_MODEL", speechModel, table.speechPreference(),
                    ModelKinds::speech, !speechModel.equalsIgnoreCase(ModelLifecycle.AUTO)));
        }
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        ModelLifecycle lifecycle = new ModelLifecycle(new ModelCatalog(openAi.baseUrl(), openAi.apiKey(),
                Duration.ofSeconds(Math.min(30, openAi.timeout().toSeconds())), clock), table, clock);
        ModelLifecycle.Check check = lifecycle.check(wanted);
        ModelWatch.log(check);
        if (!check.problems().isEmpty()) {
            throw new ConfigException(check.problems());
        }
        return Optional.of(new ModelWatch(lifecycle, List.copyOf(wanted), check, Duration.ofDays(1)));
    }
}
