package fableforge.provider.openai;

import fableforge.settings.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.Config;
import fableforge.image.AspectRatio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model table: families by name pattern, sizes per frame, and a replacement file checked at start-up. */
class ModelTableTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotOfGptImage2IsOfTheFlexibleFamilyAndAskedTheFramesOwnSize() {
        ImageFamily family = ModelTable.builtIn().imageFamily("gpt-image-2-2026-04-21");

        assertThat(family.name()).isEqualTo("gpt-image-flexible");
        assertThat(family.size(AspectRatio.PORTRAIT)).isEqualTo("1088x1920");
        assertThat(family.size(AspectRatio.LANDSCAPE)).isEqualTo("1920x1088");
        assertThat(family.size(AspectRatio.SQUARE)).isEqualTo("1088x1088");
        assertThat(family.takes("style")).isFalse();
        assertThat(family.maxReferenceImages()).isEqualTo(16);
    }

    @Test
    void aModelOfNoKnownFamilyTakesOnlyWhatEveryImageModelTakes() {
        ImageFamily family = ModelTable.builtIn().imageFamily("flux-dev");

        assertThat(family.known()).isFalse();
        assertThat(family.parameters()).containsExactly("model", "prompt", "n", "size");
        assertThat(family.size(AspectRatio.PORTRAIT)).isEqualTo("1024x1024");
    }

    @Test
    void onlyTheSpeechModelsTheTableNamesAreSentInstructions() {
        ModelTable table = ModelTable.builtIn();

        assertThat(table.speechTakesInstructions("gpt-4o-mini-tts")).isTrue();
        assertThat(table.speechTakesInstructions("gpt-4o-mini-tts-2025-12-15")).isTrue();
        assertThat(table.speechTakesInstructions("tts-1")).isFalse();
    }

    @Test
    void aReplacementTableChangesWhatAutoPrefersWithoutACodeChange() throws Exception {
        String builtIn = new String(ModelTable.class.getResourceAsStream("/fableforge/spend/models.json").readAllBytes());
        Path file = Files.writeString(dir.resolve("models.json"),
                builtIn.replace("\"chat_preference\": [\"gpt-5.4-mini\"", "\"chat_preference\": [\"gpt-6-mini\", \"gpt-5.4-mini\""));

        assertThat(ModelTable.load(java.util.Optional.of(file)).chatPreference()).startsWith("gpt-6-mini", "gpt-5.4-mini");
    }

    @Test
    void anUnreadableModelTableFileStopsStartUpNamingTheVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"image_families\": [");

        assertThatThrownBy(() -> Config.load(Map.of("MODEL_TABLE_FILE", file.toString()), dir.resolve("none.env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MODEL_TABLE_FILE=" + file).hasMessageContaining("not a readable JSON model table");
        assertThatThrownBy(() -> Config.load(Map.of("MODEL_TABLE_FILE", dir.resolve("missing.json").toString()), dir.resolve("none.env")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MODEL_TABLE_FILE");
    }
}
