package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fableforge.story.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local speech engine: found on PATH only when installed, and reads a scene aloud when it is. */
class EspeakNarratorTest {

    @TempDir
    Path dir;

    @Test
    void noEngineIsFoundOnAPathWithoutOne() throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin").resolve("espeak-ng"), "not executable");

        assertThat(EspeakNarrator.find(dir.resolve("bin").toString())).isEmpty();
    }

    @Test
    void readsASceneAloudWhenEspeakIsInstalled() throws Exception {
        Optional<EspeakNarrator> narrator = EspeakNarrator.onPath();
        assumeTrue(narrator.isPresent(), "espeak-ng is not installed here (apt-get install espeak-ng)");

        Scene scene = Scene.of(16, "Ember faces Lord Thorn.", "\"Leave them alone!\" Ember cried, stepping between Lord Thorn and the little ones.");
        float[] samples = narrator.get().narrate("story-1", scene).orElseThrow();

        assertThat(Audio.seconds(samples)).isBetween(2.0, 15.0);
        assertThat(Soundtrack.peak(samples)).isGreaterThan(0.05f);
    }
}
