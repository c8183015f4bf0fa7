package fableforge.story.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeOpenAiChat.StoryAnswer;
import fableforge.job.Sleeper;
import fableforge.pipeline.StoryPlan;
import fableforge.pipeline.StoryPlanner;
import fableforge.prompt.PromptWriter;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.openai.ChatCompletions;
import fableforge.quiz.QuizAnswers;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.story.Hero;
import fableforge.story.HeroDesigner;
import fableforge.story.NarrationLine;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The OpenAI story writer against the fake: the request it makes, the answers it can read, the scenes it asks for again. */
class OpenAiStoryWriterTest {

    static final QuizAnswers RED_FOX = new QuizAnswers(Map.ofEntries(
            Map.entry("animal", "fox"), Map.entry("character_name", "Ember"), Map.entry("setting", "enchanted forest"),
            Map.entry("visual_style", "watercolor"), Map.entry("aspect_ratio", "9:16"), Map.entry("hero_color", "russet orange"),
            Map.entry("distinctive_mark", "a white star on the forehead"), Map.entry("rejection_reason", "too small"),
            Map.entry("power", "fire"), Map.entry("power_source", "ancient amulet"), Map.entry("villain", "tyrant"),
            Map.entry("villain_name", "Lord Thorn"), Map.entry("ally", "wise old owl"), Map.entry("tone", "epic"),
            Map.entry("lesson", "true strength is protecting the ones who doubted you")));

    private final FakeOpenAiChat fake = new FakeOpenAiChat();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final Hero hero = new HeroDesigner().design(RED_FOX, 42);
    private final StoryBrief brief = new StoryBrief("story-7", RED_FOX, hero, 42);
    private final OpenAiStoryWriter writer = new OpenAiStoryWriter(new ChatCompletions(
            new ChatCompletions.Endpoint(URI.create(fake.baseUrl()), Optional.of(FakeOpenAiChat.KEY), "gpt-4o-mini", Duration.ofSeconds(10)),
            PriceTable.builtIn(), charges::add, Clock.systemUTC()));

    @AfterEach
    void stop() {
        fake.close();
    }

    private static List<Integer> numbers(List<Scene> scenes) {
        return scenes.stream().map(Scene::number).toList();
    }

    private static List<Integer> allBut(Integer... left) {
        List<Integer> numbers = new ArrayList<>(IntStream.rangeClosed(1, 20).boxed().toList());
        numbers.removeAll(List.of(left));
        return numbers;
    }

    @Test
    void writesTwentyScenesAboutTheHeroInOneCall() throws Exception {
        List<Scene> scenes = writer.write(brief);

        assertThat(numbers(scenes)).containsExactlyElementsOf(allBut());
        assertThat(scenes.get(0).text()).contains("Ember").contains("fox").contains("enchanted forest");
        assertThat(scenes.get(14).text()).contains("Lord Thorn");
        assertThat(fake.calls()).hasSize(1);
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    void theRequestCarriesEveryAnswerTheHeroAndTheBeatStructure() throws Exception {
        writer.write(brief);

        JsonNode body = fake.body(0);
        String user = body.at("/messages/1/content").asText();
        RED_FOX.values().values().forEach(answer -> assertThat(user).contains(answer));
        assertThat(user).contains("Hero name: Ember", "Species: fox", hero.eyeColour().name(), hero.artifact(), hero.power(),
                "Scenes 1-4: underdog setup: rejection, sadness", "Scenes 15-19: challenge, justice, redemption",
                "Scene 20: closing triumph and symbolism", "1 to 3 vivid");
        assertThat(body.at("/messages/0/content").asText()).contains("family-friendly", "JSON");
        JsonNode scenes = body.at("/response_format/json_schema/schema/properties/scenes");
        assertThat(scenes.get("minItems").asInt()).isEqualTo(20);
        assertThat(scenes.get("maxItems").asInt()).isEqualTo(20);
    }

    @Test
    void asksForANarrationLineBesideEachSceneInTheStrictSchemaAndShortensALineTooLongForItsShare() throws Exception {
        List<Scene> scenes = writer.write(brief);

        JsonNode item = fake.body(0).at("/response_format/json_schema/schema/properties/scenes/items");
        assertThat(item.get("required").toString()).contains("\"narration\"");
        assertThat(item.at("/properties/narration/type").asText()).isEqualTo("string");
        assertThat(fake.body(0).at("/messages/1/content").asText()).contains("at most this many words", "18: " + brief.narrationWords(18));
        assertThat(fake.problems()).as("the strict schema is valid").isEmpty();
        assertThat(scenes.get(1).narration()).isEqualTo("When Ember asks to join.").isNotEqualTo(scenes.get(1).text());
        assertThat(scenes).allSatisfy(scene -> assertThat(fableforge.text.Phrasing.wordCount(scene.narration()))
                .isLessThanOrEqualTo(brief.narrationWords(scene.number()) * NarrationLine.OVERRUN_FOR_A_WHOLE_SENTENCE));
        assertThat(scenes.get(19).narration()).as("the fake's line, 13 words for 10: a whole sentence is kept rather than cut")
                .isEqualTo("And from that day on, nobody ever laughed at a small heart again.");
    }

    @ParameterizedTest
    @EnumSource(value = StoryAnswer.class, names = {"CODE_FENCED", "PROSE_WRAPPED", "SCENE_LINES", "LABELLED_AND_QUOTED"})
    void readsAnswersThatAreNotBareJson(StoryAnswer shape) throws Exception {
        fake.nextStoryAnswers(shape);

        List<Scene> scenes = writer.write(brief);

        assertThat(numbers(scenes)).containsExactlyElementsOf(allBut());
        assertThat(scenes).allSatisfy(scene -> assertThat(scene.text())
                .doesNotStartWith("Scene").doesNotStartWith("\"").doesNotContain("**").doesNotEndWith("\""));
        assertThat(scenes.get(1).text()).isEqualTo("When Ember asks to join, the others laugh and turn away.");
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void asksOnceMoreForJustTheMissingScenesWithTheScenesSoFar() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.ONLY_17);

        List<Scene> scenes = writer.write(brief);

        assertThat(numbers(scenes)).containsExactlyElementsOf(allBut());
        assertThat(fake.calls()).hasSize(2);
        JsonNode again = fake.body(1);
        assertThat(again.get("messages").findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(again.at("/messages/2/content").asText()).contains("\"number\":3", "\"number\":19").doesNotContain("\"number\":4,");
        assertThat(again.at("/messages/3/content").asText()).contains("numbers 4, 11, 18");
        assertThat(again.at("/response_format/json_schema/schema/properties/scenes/items/properties/number/enum").toString())
                .isEqualTo("[4,11,18]");
        assertThat(scenes.get(10).text()).contains("glow fills Ember");
    }

    @Test
    void scenesStillMissingAfterAskingAgainAreLeftOut() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.ONLY_17, StoryAnswer.NOTHING_NEW);

        List<Scene> scenes = writer.write(brief);

        assertThat(numbers(scenes)).containsExactlyElementsOf(allBut(4, 11, 18));
        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void thePlannerFillsWhatTheWriterCouldNotDeliverWithTheSeedsPlaceholder() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.ONLY_17, StoryAnswer.NOTHING_NEW);

        StoryPlan plan = new StoryPlanner(writer, PromptWriter.TEMPLATES, new HeroDesigner(), Sleeper.REAL).plan("story-7", RED_FOX, 42);

        assertThat(plan.scenes().get(3).text()).isEqualTo("(Scene 4 missing - API failed)");
        assertThat(plan.scenes().get(10).text()).isEqualTo("(Scene 11 missing - API failed)");
        assertThat(plan.scenes().get(4).text()).contains("Ember");
    }

    @Test
    void duplicateAndEmptyScenesCountAsMissing() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.DUPLICATES_AND_EMPTY);

        List<Scene> scenes = writer.write(brief);

        assertThat(numbers(scenes)).containsExactlyElementsOf(allBut());
        assertThat(scenes.get(2).text()).doesNotContain("second, different");
        assertThat(fake.body(1).at("/messages/3/content").asText()).contains("numbers 9, 12");
    }

    @Test
    void anAnswerCutAtTheTokenLimitKeepsItsWholeScenesAndAsksForTheRest() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.CUT_AT_LENGTH);

        List<Scene> scenes = writer.write(brief);

        assertThat(numbers(scenes)).containsExactlyElementsOf(allBut());
        String askedAgain = fake.body(1).at("/messages/3/content").asText();
        assertThat(askedAgain).contains("20)").doesNotContain("numbers 1,");
    }

    @Test
    void anAnswerWithNoReadableSceneIsATransientFailure() {
        fake.nextStoryAnswers(StoryAnswer.MALFORMED);

        assertThatThrownBy(() -> writer.write(brief)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aRefusedStoryIsAPolicyRefusal() {
        fake.nextStoryAnswers(StoryAnswer.REFUSAL);

        assertThatThrownBy(() -> writer.write(brief)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.error()).isInstanceOf(ProviderError.PolicyRefusal.class));
    }

    @Test
    void aMalformedAnswerIsRetriedByThePlanner() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.MALFORMED);
        List<Duration> waits = new ArrayList<>();

        StoryPlan plan = new StoryPlanner(writer, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("story-7", RED_FOX, 42);

        assertThat(plan.scenes().get(0).text()).contains("Ember");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aRateLimitedStoryWaitsAsLongAsOpenAiAsks() throws Exception {
        fake.script(FakeOpenAiChat.rateLimited(5), FakeOpenAiChat.rateLimited(2));
        List<Duration> waits = new ArrayList<>();

        StoryPlan plan = new StoryPlanner(writer, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("story-7", RED_FOX, 42);

        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(2));
        assertThat(plan.scenes()).hasSize(20);
        assertThat(fake.calls()).hasSize(3);
    }

    @Test
    void noCreditEndsTheStoryAtOnce() {
        fake.script(FakeOpenAiChat.insufficientQuota());
        List<Duration> waits = new ArrayList<>();

        assertThatThrownBy(() -> new StoryPlanner(writer, PromptWriter.TEMPLATES, new HeroDesigner(), waits::add).plan("story-7", RED_FOX, 42))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.BillingLimit.class));
        assertThat(waits).isEmpty();
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void worksWithALocalServerWithoutStructuredOutput() throws Exception {
        fake.support(FakeOpenAiChat.Support.NONE);

        List<Scene> first = writer.write(brief);
        List<Scene> second = writer.write(brief);

        assertThat(first).hasSize(20);
        assertThat(second).hasSize(20);
        assertThat(fake.calls()).hasSize(3 + 1);
    }

    @Test
    void bothCallsAreChargedToTheStory() throws Exception {
        fake.nextStoryAnswers(StoryAnswer.ONLY_17);

        writer.write(brief);

        assertThat(charges).hasSize(2).allSatisfy(charge -> {
            assertThat(charge.storyId()).isEqualTo("story-7");
            assertThat(charge.stage()).isEqualTo("story");
            assertThat(charge.usd()).isPresent();
        });
    }

    @Test
    void namesItselfAfterTheModel() {
        assertThat(writer.name()).isEqualTo("openai:gpt-4o-mini");
    }
}
