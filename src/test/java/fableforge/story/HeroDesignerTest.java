package fableforge.story;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.quiz.QuizAnswers;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeroDesignerTest {

    private final HeroDesigner designer = new HeroDesigner();

    @Test
    void sameAnswersAndSeedDesignTheSameHero() {
        QuizAnswers answers = quiz("animal", "fox", "setting", "jungle", "visual_style", "anime");
        assertThat(designer.design(answers, 17L)).isEqualTo(designer.design(answers, 17L));
    }

    @Test
    void differentSeedsInventDifferentHeroesWhenLittleIsGiven() {
        QuizAnswers answers = quiz("animal", "fox", "setting", "jungle", "visual_style", "anime");
        Set<String> names = new HashSet<>();
        Set<String> powers = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            Hero hero = designer.design(answers, seed);
            names.add(hero.name());
            powers.add(hero.power());
        }
        assertThat(names).hasSizeGreaterThan(8);
        assertThat(powers).hasSizeGreaterThan(4);
    }

    @Test
    void usesEveryHeroAnswerTheUserGave() {
        Hero hero = designer.design(quiz("animal", "Snow Leopard", "setting", "snowy mountains", "visual_style", "anime",
                "character_name", "juniper", "hero_color", "silver", "distinctive_mark", "torn left ear",
                "power", "ice", "power_source", "glowing crystal"), 3L);

        assertThat(hero.name()).isEqualTo("Juniper");
        assertThat(hero.species()).isEqualTo("snow leopard");
        assertThat(hero.primaryColour()).isEqualTo(new Hero.Colour("silver", 0xc0c3c8));
        assertThat(hero.marking()).isEqualTo("a torn left ear");
        assertThat(hero.power()).isEqualTo("the power of ice and frost");
        assertThat(hero.powerColour().name()).isEqualTo("frost blue");
        assertThat(hero.artifact()).contains("crystal").contains("frost blue").startsWith("a");
    }

    @Test
    void commonColourWordsMapToTheirColour() {
        assertThat(colourOf("midnight blue").rgb()).isEqualTo(0x1b2a4a);
        assertThat(colourOf("jet black").rgb()).isEqualTo(0x0e0e10);
        assertThat(colourOf("golden").rgb()).isEqualTo(0xd4a017);
        Hero.Colour paleGreen = colourOf("pale green");
        assertThat(paleGreen.name()).isEqualTo("pale green");
        assertThat((paleGreen.rgb() >> 8) & 0xff).isGreaterThan((paleGreen.rgb() >> 16) & 0xff);
    }

    @Test
    void twoColourWordsBecomePrimaryAndSecondary() {
        Hero hero = designer.design(quiz("animal", "cat", "setting", "farm", "visual_style", "anime", "hero_color", "jet black and white"), 1L);
        assertThat(hero.primaryColour().name()).isEqualTo("jet black");
        assertThat(hero.secondaryColour().name()).isEqualTo("white");
    }

    @Test
    void unknownColourWordsKeepTheUsersNameWithAPlausibleSeededRgb() {
        Hero.Colour colour = colourOf("moonbeam shimmer");
        assertThat(colour.name()).isEqualTo("moonbeam shimmer");
        assertThat(colour.rgb()).isEqualTo(colourOf("moonbeam shimmer").rgb());
    }

    @Test
    void withoutAColourAnswerTheSpeciesKeepsItsNaturalColours() {
        assertThat(heroOf("fox").primaryColour().name()).isEqualTo("russet orange");
        assertThat(heroOf("fox").secondaryColour().name()).isEqualTo("cream");
        assertThat(heroOf("grey wolf").primaryColour().name()).isEqualTo("slate grey");
        assertThat(heroOf("penguin").primaryColour().name()).isEqualTo("black");
        assertThat(heroOf("snow leopard").primaryColour().name()).isEqualTo("smoky white");
        assertThat(heroOf("quokka").primaryColour().name()).isEqualTo("warm brown");
    }

    @Test
    void aTypedPowerBecomesAPowerPhrase() {
        assertThat(powerOf("talking to the stars")).isEqualTo("the power of talking to the stars");
        assertThat(powerOf("fly")).isEqualTo("the power to fly");
        assertThat(powerOf("the power to turn invisible")).isEqualTo("the power to turn invisible");
        assertThat(powerOf("Time travel.")).isEqualTo("the power of time travel");
    }

    @Test
    void everyPowerSourceBecomesAConcreteObject() {
        for (String source : new String[] {"ancient amulet", "glowing crystal", "fallen star", "sacred tree", "old spirit"}) {
            String artifact = designer.design(quiz("animal", "owl", "setting", "jungle", "visual_style", "anime",
                    "power", "light", "power_source", source), 4L).artifact();
            assertThat(artifact).matches("(a|an) [a-z].*").contains("golden white");
        }
        assertThat(designer.design(quiz("animal", "owl", "setting", "jungle", "visual_style", "anime",
                "power_source", "Grandma's silver thimble"), 4L).artifact()).isEqualTo("grandma's silver thimble");
        assertThat(designer.design(quiz("animal", "owl", "setting", "jungle", "visual_style", "anime",
                "power_source", "old music box"), 4L).artifact()).isEqualTo("an old music box");
    }

    @Test
    void missingMarkAndNameAreInventedFromTheSeed() {
        Hero hero = heroOf("rabbit");
        assertThat(hero.name()).isNotBlank();
        assertThat(hero.marking()).startsWith("a");
        assertThat(hero.eyeColour().name()).isNotBlank();
    }

    private Hero.Colour colourOf(String words) {
        return designer.design(quiz("animal", "fox", "setting", "jungle", "visual_style", "anime", "hero_color", words), 2L).primaryColour();
    }

    private String powerOf(String detail) {
        return designer.design(quiz("animal", "fox", "setting", "jungle", "visual_style", "anime", "power", "other", "power_detail", detail), 2L).power();
    }

    private Hero heroOf(String animal) {
        return designer.design(quiz("animal", animal, "setting", "jungle", "visual_style", "anime"), 8L);
    }

    private static QuizAnswers quiz(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new QuizAnswers(values);
    }
}
