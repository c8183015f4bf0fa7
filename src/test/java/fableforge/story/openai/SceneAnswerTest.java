package fableforge.story.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shapes of scene lists models write, read into numbered scene texts. */
class SceneAnswerTest {

    private static final List<Integer> ALL = IntStream.rangeClosed(1, 20).boxed().toList();

    private static Map<Integer, String> texts(String content, List<Integer> wanted) {
        Map<Integer, String> texts = new java.util.TreeMap<>();
        SceneAnswer.read(content, wanted).forEach((number, scene) -> texts.put(number, scene.text()));
        return texts;
    }

    @Test
    void readsTheNarrationBesideTheTextAndNoneWhenItIsMissingOrBlank() {
        Map<Integer, SceneAnswer.Written> scenes = SceneAnswer.read("{\"scenes\":[{\"number\":1,\"text\":\"Ember waits by the river.\","
                + "\"narration\":\"Ember waits.\"},{\"number\":2,\"text\":\"Ember runs.\",\"narration\":\" \"},{\"number\":3,\"text\":\"Ember hides.\"}]}", ALL);

        assertThat(scenes.get(1)).isEqualTo(new SceneAnswer.Written("Ember waits by the river.", "Ember waits."));
        assertThat(scenes.get(2).narration()).isNull();
        assertThat(scenes.get(3).narration()).isNull();
    }

    @Test
    void keepsTheNarrationOfWholeScenesInAnAnswerCutMidway() {
        String cut = "{\"scenes\":[{\"number\":1,\"text\":\"Ember waits.\",\"narration\":\"She waits.\"},{\"number\":2,\"text\":\"Ember ru";

        assertThat(SceneAnswer.read(cut, ALL)).containsOnlyKeys(1).containsEntry(1, new SceneAnswer.Written("Ember waits.", "She waits."));
    }

    @Test
    void readsScenesKeyedByNumber() {
        Map<Integer, String> scenes = texts("{\"scenes\": {\"scene_1\": \"Ember waits.\", \"2\": {\"text\": \"Ember runs.\"}}}", ALL);

        assertThat(scenes).containsExactly(Map.entry(1, "Ember waits."), Map.entry(2, "Ember runs."));
    }

    @Test
    void readsABareListOfTextsInOrder() {
        assertThat(texts("[\"Ember waits.\", \"Ember runs.\"]", ALL)).containsEntry(2, "Ember runs.");
    }

    @Test
    void keepsTheWholeScenesOfAnAnswerCutMidway() {
        String cut = "{\"scenes\":[{\"number\":1,\"text\":\"Ember \\\"waits\\\".\"},{\"text\":\"Ember runs.\",\"number\":2},{\"number\":3,\"text\":\"Ember ju";

        assertThat(texts(cut, ALL)).containsExactly(Map.entry(1, "Ember \"waits\"."), Map.entry(2, "Ember runs."));
    }

    @Test
    void readsSceneLinesThatRunOverSeveralLines() {
        String lines = "Here you go:\n\n**Scene 1:** Ember waits\nby the river.\n### Scene 2 - Ember runs.\nScene 21: not a scene";

        assertThat(texts(lines, ALL)).containsExactly(Map.entry(1, "Ember waits by the river."), Map.entry(2, "Ember runs."));
    }

    @Test
    void onlyTheWantedNumbersCount() {
        assertThat(texts("{\"scenes\":[{\"number\":4,\"text\":\"A.\"},{\"number\":5,\"text\":\"B.\"}]}", List.of(5)))
                .containsOnlyKeys(5);
    }

    @Test
    void cleansLabelsQuotesAndMarkdownButKeepsSpeech() {
        assertThat(SceneText.clean("**Scene 5 (Discovery):** \"Ember finds the amulet.\"")).isEqualTo("Ember finds the amulet.");
        assertThat(SceneText.clean("\"Wait!\" cried Ember. \"Come back!\"")).isEqualTo("\"Wait!\" cried Ember. \"Come back!\"");
    }
}
