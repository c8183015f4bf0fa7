package fableforge.story.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shapes of scene lists models write, read into numbered scene texts. */
class SceneAnswerTest {

    private static final List<Integer> ALL = IntStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void readsScenesKeyedByNumber() {
        Map<Integer, String> scenes = SceneAnswer.read("{\"scenes\": {\"scene_1\": \"Ember waits.\", \"2\": {\"text\": \"Ember runs.\"}}}", ALL);

        assertThat(scenes).containsExactly(Map.entry(1, "Ember waits."), Map.entry(2, "Ember runs."));
    }

    @Test
    void readsABareListOfTextsInOrder() {
        assertThat(SceneAnswer.read("[\"Ember waits.\", \"Ember runs.\"]", ALL)).containsEntry(2, "Ember runs.");
    }

    @Test
    void keepsTheWholeScenesOfAnAnswerCutMidway() {
        String cut = "{\"scenes\":[{\"number\":1,\"text\":\"Ember \\\"waits\\\".\"},{\"text\":\"Ember runs.\",\"number\":2},{\"number\":3,\"text\":\"Ember ju";

        assertThat(SceneAnswer.read(cut, ALL)).containsExactly(Map.entry(1, "Ember \"waits\"."), Map.entry(2, "Ember runs."));
    }

    @Test
    void readsSceneLinesThatRunOverSeveralLines() {
        String lines = "Here you go:\n\n**Scene 1:** Ember waits\nby the river.\n### Scene 2 - Ember runs.\nScene 21: not a scene";

        assertThat(SceneAnswer.read(lines, ALL)).containsExactly(Map.entry(1, "Ember waits by the river."), Map.entry(2, "Ember runs."));
    }

    @Test
    void onlyTheWantedNumbersCount() {
        assertThat(SceneAnswer.read("{\"scenes\":[{\"number\":4,\"text\":\"A.\"},{\"number\":5,\"text\":\"B.\"}]}", List.of(5)))
                .containsOnlyKeys(5);
    }

    @Test
    void cleansLabelsQuotesAndMarkdownButKeepsSpeech() {
        assertThat(SceneText.clean("**Scene 5 (Discovery):** \"Ember finds the amulet.\"")).isEqualTo("Ember finds the amulet.");
        assertThat(SceneText.clean("\"Wait!\" cried Ember. \"Come back!\"")).isEqualTo("\"Wait!\" cried Ember. \"Come back!\"");
    }
}
