package fableforge.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.story.AspectRatio;
import fableforge.story.Scene;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScenePromptsTest {

    private final PromptContext context = new PromptContext("snowy mountains", "watercolor", AspectRatio.PORTRAIT);
    private final CharacterBible bible = CharacterBible.of(TestHeroes.ember());

    private List<String> twentyPrompts() {
        return IntStream.rangeClosed(1, 20)
                .mapToObj(n -> ScenePrompts.create(Scene.of(n, "Ember runs through the snow in scene " + n + "."), context))
                .toList();
    }

    @Test
    void createdPromptCarriesStyleSettingMoodLightingAndComposition() {
        String prompt = ScenePrompts.create(Scene.of(1, "Ember sits alone while the others play."), context);

        assertThat(prompt)
                .contains("Watercolor storybook illustration")
                .contains("vertical 9:16 frame")
                .contains("Ember sits alone while the others play.")
                .contains("Setting: snowy mountains.")
                .contains("Mood: lonely, melancholic")
                .contains("Lighting: cold blue dusk light")
                .contains("Composition: ");
    }

    @Test
    void beatsChangeMoodAndLighting() {
        String setup = ScenePrompts.create(Scene.of(2, "Ember is sad."), context);
        String triumph = ScenePrompts.create(Scene.of(20, "Ember stands proud."), context);

        assertThat(setup).contains("melancholic").doesNotContain("golden sunrise");
        assertThat(triumph).contains("golden sunrise").doesNotContain("melancholic");
    }

    @Test
    void standardizePutsTheBibleWordForWordExactlyOnceInEveryPrompt() {
        List<String> standardized = ScenePrompts.standardize(twentyPrompts(), bible, context);

        assertThat(standardized).hasSize(20).allSatisfy(prompt -> {
            assertThat(prompt).contains(bible.text());
            assertThat(prompt.split(java.util.regex.Pattern.quote(bible.text()), -1)).hasSize(2);
        });
    }

    @Test
    void standardizeIsIdempotentAndUnifiesTheStyleLine() {
        List<String> once = ScenePrompts.standardize(twentyPrompts(), bible, context);
        List<String> twice = ScenePrompts.standardize(once, bible, context);

        assertThat(twice).isEqualTo(once);
        assertThat(once).extracting(p -> p.lines().findFirst().orElseThrow()).containsOnly(once.get(0).lines().findFirst().orElseThrow());
    }

    @Test
    void unknownStylesAreDescribedInTheUsersWords() {
        String prompt = ScenePrompts.create(Scene.of(3, "Ember waits."), new PromptContext("moon base", "stained glass", AspectRatio.LANDSCAPE));

        assertThat(prompt).contains("Stained glass style illustration, wide 16:9 frame");
    }

    @Test
    void bibleNamesSpeciesColoursMarkingAndArtifact() {
        assertThat(bible.text())
                .contains("Ember", "young fox", "russet orange fur", "cream", "amber eyes", "a white star on the forehead",
                        "an ancient amulet that glows", "the power of fire");
    }

    @Test
    void bibleUsesFeathersForBirdsAndScalesForReptiles() {
        assertThat(CharacterBible.coat("snowy owl")).isEqualTo("feathers");
        assertThat(CharacterBible.coat("sea turtle")).isEqualTo("scales");
        assertThat(CharacterBible.coat("red fox")).isEqualTo("fur");
    }

    @Test
    void bibleIsAlreadySanitizedSoSanitizingPromptsKeepsItWordForWord() {
        var hero = TestHeroes.ember();
        var bloody = new fableforge.story.Hero(hero.name(), hero.species(), new fableforge.story.Hero.Colour("blood red", 0x880000),
                hero.secondaryColour(), hero.eyeColour(), "a scar from a knife", hero.artifact(), hero.power(), hero.powerColour());
        CharacterBible sanitized = CharacterBible.of(bloody);

        assertThat(sanitized.text()).doesNotContain("blood", "knife");
        assertThat(PromptSanitizer.sanitize(sanitized.asPromptLine())).isEqualTo(sanitized.asPromptLine());
    }
}
