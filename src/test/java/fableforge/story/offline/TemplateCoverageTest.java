package fableforge.story.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Guards variety: whatever the answers, every scene slot has several wordings to choose from. */
class TemplateCoverageTest {

    private static final TemplateBook BOOK = TemplateBook.load();

    @Test
    void everySceneSlotHasAtLeastThreeWordingsForEveryKindOfStory() {
        for (Set<String> kind : storyKinds()) {
            Set<String> facts = new HashSet<>(kind);
            if (!facts.contains("storm") && !facts.contains("poachers")) {
                facts.add("named");
            }
            for (int scene = 1; scene <= 20; scene++) {
                assertThat(BOOK.texts("scene." + scene, facts)).as("scene %d for %s", scene, facts).hasSizeGreaterThanOrEqualTo(3);
            }
        }
    }

    /** A scene's narration line tells its picture: whichever wording drew the scene, several lines fit it. */
    @Test
    void everySceneWordingHasAtLeastThreeNarrationWordingsThatTellItsPicture() {
        for (Set<String> facts : storyKinds()) {
            for (int scene = 1; scene <= 20; scene++) {
                for (Template picture : BOOK.section("scene." + scene)) {
                    if (!picture.fits(facts)) {
                        continue;
                    }
                    Set<String> told = new HashSet<>(facts);
                    told.addAll(picture.showsFacts());
                    assertThat(BOOK.texts("narration." + scene, told)).as("narration %d for %s after: %s", scene, facts, picture.text())
                            .hasSizeGreaterThanOrEqualTo(3);
                }
            }
        }
    }

    /** Every kind of story the templates tell apart: with or without a mentor, each villain, tone and way of saying the lesson. */
    private static List<Set<String>> storyKinds() {
        List<Set<String>> kinds = new java.util.ArrayList<>();
        for (String company : List.of("ally", "alone")) {
            for (String villain : VillainWords.KINDS) {
                for (String tone : ToneWords.TONES) {
                    for (String lesson : List.of("lesson:clause", "lesson:saying")) {
                        kinds.add(Set.of(company, villain, "tone:" + tone, lesson));
                    }
                }
            }
        }
        return kinds;
    }

    /** The first mention decides name or pronoun (HeroMentions); a {name} or a {he} before it would name the hero twice or not at all. */
    @Test
    void everyNarrationWordingMentionsTheHeroFirstThroughTheHeroPlaceholders() {
        Pattern mention = Pattern.compile("\\{(hero|hero_him|hero_his|he|him|his|himself|his_mark|name)}", Pattern.CASE_INSENSITIVE);
        for (int scene = 1; scene <= 20; scene++) {
            for (Template wording : BOOK.section("narration." + scene)) {
                Matcher first = mention.matcher(wording.text());
                if (first.find()) {
                    assertThat(first.group(1).toLowerCase(Locale.ROOT)).as("narration %d: %s", scene, wording.text()).startsWith("hero");
                }
                assertThat(wording.text()).as("narration %d names the hero only through {hero}", scene).doesNotContainIgnoringCase("{name}");
            }
        }
    }

    @Test
    void everyPowerAndVillainHasWordingsForEveryMoment() {
        for (String element : List.of("fire", "ice", "lightning", "wind", "water", "earth", "light", "shadow", "nature", "other")) {
            for (String key : List.of("spark", "surge", "practice", "aura", "display", "shield", "finisher")) {
                assertThat(BOOK.texts("power." + element + "." + key, Set.of())).as(element + " " + key).hasSizeGreaterThanOrEqualTo(2);
            }
        }
        for (String villain : VillainWords.KINDS) {
            for (String key : List.of("role", "shadow", "approach", "arrives", "threat", "strikes", "taunt", "falls", "redeemed")) {
                assertThat(BOOK.texts("villain." + villain + "." + key, Set.of())).as(villain + " " + key).hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }
}
