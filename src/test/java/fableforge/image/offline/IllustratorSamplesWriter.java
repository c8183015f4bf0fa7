package fableforge.image.offline;

import fableforge.story.AspectRatio;
import fableforge.image.ContactSheet;
import fableforge.story.Hero;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a check: writes three sample stories (frames and contact sheets) to target/illustrator-samples so a
 * person can look at them. Also prints how long each frame took. Runs only when asked:
 * {@code ./run-tests -Dtest=IllustratorSamplesWriter -Dfableforge.samples=true}.
 */
@EnabledIfSystemProperty(named = "fableforge.samples", matches = "true")
class IllustratorSamplesWriter {

    @Test
    void writesSampleStoriesForPeopleToLookAt() throws Exception {
        write("fox-forest-watercolor", SampleStories.EMBER, "enchanted forest", "watercolor", AspectRatio.PORTRAIT);
        write("owl-snow-comic", SampleStories.HOOT, "snowy mountains", "comic book", AspectRatio.PORTRAIT);
        write("tiger-jungle-pixar", SampleStories.STRIPES, "deep jungle", "pixar 3d", AspectRatio.LANDSCAPE);
    }

    private static void write(String name, Hero hero, String setting, String style, AspectRatio ratio)
            throws Exception {
        Path dir = Path.of("target", "illustrator-samples", name);
        Files.createDirectories(dir);
        StoryboardIllustrator illustrator = new StoryboardIllustrator();
        List<byte[]> frames = new ArrayList<>();
        long started = System.nanoTime();
        for (int scene = 1; scene <= 20; scene++) {
            byte[] png = illustrator.generate(SampleStories.request(name, hero, scene, 1, setting, style, ratio)).bytes();
            frames.add(png);
            Files.write(dir.resolve(String.format("scene-%02d.png", scene)), png);
        }
        long ms = (System.nanoTime() - started) / 1_000_000 / 20;
        Files.write(dir.resolve("contact-sheet.png"), ContactSheet.compose(frames, ratio == AspectRatio.LANDSCAPE ? 4 : 5));
        System.out.printf("%s: %d ms per frame, %d KB average%n", name, ms,
                frames.stream().mapToInt(f -> f.length).sum() / 20 / 1024);
    }
}
