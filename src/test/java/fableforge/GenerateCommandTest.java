package fableforge;

import fableforge.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, as a user runs it: quiz file in, story.json, images and contact sheet out. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    /** Where the shipped example, seed 7, is generated once for the tests that only read what it wrote. */
    @TempDir
    static Path shared;
    private static Path redFoxSeven;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int generate(Map<String, String> env, String... args) {
        String[] full = Stream.concat(Stream.of("generate", "--no-progress"), Stream.of(args)).toArray(String[]::new);
        return Main.run(full, env, dir.resolve("no.env"), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int generate(String... args) {
        return generate(Map.of(), args);
    }

    private Path quiz(String json) throws Exception {
        Path file = Files.createTempFile(dir, "quiz", ".json");
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    /**
     * The shipped example generated with seed 7, once for the class: a run draws 20 images, and the tests
     * that read the document, the images and the contact sheet read the same run.
     */
    private synchronized Path redFoxSeven() {
        if (redFoxSeven == null) {
            Path outDir = shared.resolve("red-fox");
            assertThat(generate("--quiz", "examples/red-fox.json", "--out", outDir.toString(), "--seed", "7")).as(err.toString()).isZero();
            redFoxSeven = outDir;
        }
        return redFoxSeven;
    }

    private static JsonNode read(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void storyJsonIsTheStoryDocumentOfTheApiWithEveryImageApproved() throws Exception {
        Path outDir = redFoxSeven();

        String storyJson = Files.readString(outDir.resolve("story.json"));
        assertThat(new fableforge.web.OpenApiContract().problemsOfSchema("Story", storyJson)).as(storyJson).isEmpty();
        JsonNode story = new ObjectMapper().readTree(storyJson);
        assertThat(story.path("status").asText()).isEqualTo("all_approved");
        assertThat(story.path("seed").asLong()).isEqualTo(7);
        assertThat(story.path("images").path("1").path("url").asText()).isEqualTo("images/scene-01.png");
        assertThat(story.path("images").path("1").path("status").asText()).isEqualTo("approved");
        assertThat(story.path("character").path("primaryColour").path("hex").asText()).matches("#[0-9a-f]{6}");
    }

    @Test
    void shippedExampleGivesStoryJsonTwentyImagesAndAContactSheet() throws Exception {
        Path outDir = redFoxSeven();

        JsonNode story = read(outDir.resolve("story.json"));
        assertThat(story.path("character").path("name").asText()).isEqualTo("Ember");
        assertThat(story.path("quiz").path("animal").asText()).isEqualTo("fox");
        String bible = story.path("character_bible").asText();
        assertThat(bible).isNotBlank();
        assertThat(story.path("scenes")).hasSize(20);
        Set<Integer> imageHashes = new HashSet<>();
        for (int n = 1; n <= 20; n++) {
            JsonNode scene = story.path("scenes").get(n - 1);
            assertThat(scene.path("number").asInt()).isEqualTo(n);
            assertThat(scene.path("beat").asText()).isNotBlank();
            assertThat(scene.path("text").asText()).isNotBlank();
            assertThat(scene.path("prompt").asText()).contains(bible);
            assertThat(scene.path("image").asText()).isEqualTo("images/scene-%02d.png".formatted(n));
            byte[] png = Files.readAllBytes(outDir.resolve(scene.path("image").asText()));
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(1080);
            assertThat(image.getHeight()).isEqualTo(1920);
            imageHashes.add(java.util.Arrays.hashCode(png));
        }
        assertThat(imageHashes).as("20 distinct images").hasSize(20);
        assertThat(ImageIO.read(outDir.resolve("contact-sheet.png").toFile())).isNotNull();
        try (Stream<Path> leftovers = Files.list(outDir.getParent())) {
            assertThat(leftovers).noneMatch(p -> p.getFileName().toString().contains(".partial-"));
        }
    }

    @Test
    void anyValidQuizGivesTwentyScenesWithNameAnimalStyleAndBibleInThePrompts() throws Exception {
        Path outDir = dir.resolve("axolotl");
        Path quiz = quiz("{'animal':'axolotl','setting':'abandoned space station','visual_style':'stained glass','aspect_ratio':'16:9'}");

        int exit = generate("--quiz", quiz.toString(), "--out", outDir.toString(), "--seed", "99");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode story = read(outDir.resolve("story.json"));
        String name = story.path("character").path("name").asText();
        String bible = story.path("character_bible").asText();
        assertThat(name).isNotBlank();
        long scenesWithName = 0;
        for (JsonNode scene : story.path("scenes")) {
            scenesWithName += scene.path("text").asText().contains(name) ? 1 : 0;
            assertThat(scene.path("prompt").asText()).contains(bible).containsIgnoringCase("axolotl").containsIgnoringCase("stained glass");
        }
        assertThat(scenesWithName).isGreaterThan(10);
        BufferedImage first = ImageIO.read(outDir.resolve("images/scene-01.png").toFile());
        assertThat(first.getWidth()).isEqualTo(1920);
        assertThat(first.getHeight()).isEqualTo(1080);
    }

    @Test
    void sameSeedGivesTheSameStoryAndDifferentSeedsDifferentOnes() throws Exception {
        // b is the class's run of seed 7: a second run of the same seed, and one of another seed, are compared with it.
        generate("--quiz", "examples/red-fox.json", "--out", dir.resolve("a").toString(), "--seed", "7");
        Path b = redFoxSeven();
        generate("--quiz", "examples/red-fox.json", "--out", dir.resolve("c").toString(), "--seed", "2");

        JsonNode a = read(dir.resolve("a/story.json")).path("scenes");
        JsonNode c = read(dir.resolve("c/story.json")).path("scenes");
        assertThat(a).isEqualTo(read(b.resolve("story.json")).path("scenes"));
        assertThat(a).isNotEqualTo(c);
        assertThat(Files.readAllBytes(dir.resolve("a/images/scene-05.png"))).isEqualTo(Files.readAllBytes(b.resolve("images/scene-05.png")));
    }

    @Test
    void badQuizPrintsEveryProblemByFieldAndWritesNothing() throws Exception {
        Path outDir = dir.resolve("bad");
        Path quiz = quiz("{'animal':'','visual_style':7,'aspect_ratio':'4:3'}");

        int exit = generate("--quiz", quiz.toString(), "--out", outDir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("animal: is required")
                .contains("setting: is required")
                .contains("visual_style: must be text")
                .contains("aspect_ratio: '4:3' is not one of the choices")
                .contains("Nothing was written");
        assertThat(outDir).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().startsWith("."));
        }
    }

    @Test
    void malformedJsonAndMissingFilesAreExplained() throws Exception {
        Path broken = quiz("{'animal': 'fox',");

        assertThat(generate("--quiz", broken.toString(), "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not valid JSON").contains("line 1");

        assertThat(generate("--quiz", dir.resolve("nope.json").toString(), "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.json does not exist");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void flakyProviderStillEndsWithTwentyImages() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "OFFLINE_FAILURE_RATE", "0.3", "OFFLINE_SEED", "3", "IMAGE_RETRY_BASE_MS", "1", "IMAGE_MAX_TRIES", "12"));

        int exit = generate(env, "--quiz", "examples/red-fox.json", "--out", dir.resolve("flaky").toString(), "--seed", "3");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode scenes = read(dir.resolve("flaky/story.json")).path("scenes");
        int totalTries = 0;
        for (JsonNode scene : scenes) {
            assertThat(scene.path("image").isTextual()).isTrue();
            totalTries += scene.path("image_tries").asInt();
        }
        assertThat(totalTries).isGreaterThan(20);
    }

    @Test
    void badConfigurationIsReportedByVariable() throws Exception {
        int exit = generate(Map.of("IMAGE_MAX_CONCURRENT", "lots"), "--quiz", "examples/red-fox.json", "--out", dir.resolve("cfg").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("IMAGE_MAX_CONCURRENT=lots: must be a whole number");
    }

    @Test
    void helpDescribesTheCommand() {
        int exit = Main.run(new String[] {"generate", "--help"}, Map.of(), dir.resolve("no.env"),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--quiz=FILE").contains("--out=DIR").contains("--seed=N");
    }
}
