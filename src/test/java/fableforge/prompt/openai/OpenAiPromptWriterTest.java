package fableforge.prompt.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeOpenAiChat;
import fableforge.fake.FakeOpenAiChat.PromptAnswer;
import fableforge.story.AspectRatio;
import fableforge.pipeline.StoryPlanner;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.ScenePrompts;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.openai.ChatCompletions;
import fableforge.quiz.QuizAnswers;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.story.Hero;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.offline.TemplateStoryWriter;
import fableforge.story.StoryBrief;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI prompt writer against the fake: one call, then the prompt contract enforced in code. */
class OpenAiPromptWriterTest {

    private static final QuizAnswers ANSWERS = new QuizAnswers(Map.of("animal", "fox", "character_name", "Ember",
            "setting", "enchanted forest", "visual_style", "watercolor", "aspect_ratio", "9:16", "hero_color", "russet orange",
            "distinctive_mark", "a white star on the forehead", "power", "fire", "power_source", "ancient amulet"));

    private final FakeOpenAiChat fake = new FakeOpenAiChat();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final Hero hero = new HeroDesigner().design(ANSWERS, 3);
    private final CharacterBible bible = CharacterBible.of(hero);
    private final PromptContext context = new PromptContext("enchanted forest", "watercolor", AspectRatio.PORTRAIT);
    private final List<Scene> scenes;
    private final OpenAiPromptWriter writer = new OpenAiPromptWriter(new ChatCompletions(
            new ChatCompletions.Endpoint(URI.create(fake.baseUrl()), Optional.of(FakeOpenAiChat.KEY), "gpt-4o-mini", Duration.ofSeconds(10)),
            PriceTable.builtIn(), charges::add, Clock.systemUTC()));

    OpenAiPromptWriterTest() throws Exception {
        scenes = new TemplateStoryWriter().write(new StoryBrief("story-9", ANSWERS, hero, 3));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private void assertContractHolds(List<String> prompts) {
        assertThat(prompts).hasSize(20).allSatisfy(prompt -> {
            assertThat(PromptContract.occurrences(prompt, bible.text())).as(prompt).isEqualTo(1);
            assertThat(prompt).contains(ScenePrompts.styleLine(context)).contains("Watercolor storybook illustration");
        });
        for (int i = 0; i < 20; i++) {
            assertThat(prompts.get(i)).contains("Scene " + (i + 1) + " of 20");
        }
    }

    @Test
    void writesTwentyPromptsInOneCallEachWithTheBibleOnceAndTheStyle() throws Exception {
        List<String> prompts = writer.write("story-9", scenes, bible, context);

        assertContractHolds(prompts);
        assertThat(fake.calls()).hasSize(1);
        assertThat(fake.problems()).isEmpty();
        assertThat(prompts.get(4)).contains(scenes.get(4).text().replaceAll("\\.$", ""));
    }

    @Test
    void theRequestHoldsTheScenesTheBibleAndTheStyle() throws Exception {
        writer.write("story-9", scenes, bible, context);

        String user = fake.body(0).at("/messages/1/content").asText();
        scenes.forEach(scene -> assertThat(user).contains("Scene " + scene.number() + " (" + scene.beat().description() + "): " + scene.text()));
        assertThat(user).contains(bible.text(), "do not repeat or rephrase it", "Visual style: watercolor", "Aspect ratio: 9:16",
                "Setting: enchanted forest");
        assertThat(fake.body(0).at("/response_format/json_schema/name").asText()).isEqualTo("scene_prompts");
    }

    @Test
    void aRephrasedBibleIsTakenOutAndTheExactOnePutIn() throws Exception {
        fake.nextPromptAnswers(PromptAnswer.PARAPHRASED_BIBLE);

        List<String> prompts = writer.write("story-9", scenes, bible, context);

        assertContractHolds(prompts);
        assertThat(prompts).allSatisfy(prompt -> assertThat(prompt).doesNotContain("Ember is a little fox").doesNotContain("that has"));
    }

    @Test
    void copiesOfTheBibleTheModelWroteEndUpAsOne() throws Exception {
        fake.nextPromptAnswers(PromptAnswer.DUPLICATED_BIBLE);

        List<String> prompts = writer.write("story-9", scenes, bible, context);

        assertContractHolds(prompts);
        assertThat(prompts).allSatisfy(prompt -> assertThat(prompt.split("Main character", -1)).hasSize(2));
    }

    @Test
    void tooFewPromptsIsAFailedCall() {
        fake.nextPromptAnswers(PromptAnswer.ONLY_19);

        assertThatThrownBy(() -> writer.write("story-9", scenes, bible, context)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error()).isInstanceOf(ProviderError.Transient.class);
            assertThat(e.getMessage()).contains("scene 20");
        });
    }

    @Test
    void anAnswerWithoutJsonIsAFailedCall() {
        fake.nextPromptAnswers(PromptAnswer.MALFORMED);

        assertThatThrownBy(() -> writer.write("story-9", scenes, bible, context)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("no JSON");
    }

    @Test
    void thePlannerUsesTheTemplatesWhenThePromptCallFails() {
        fake.nextPromptAnswers(PromptAnswer.SERVER_ERROR);
        StoryPlanner planner = new StoryPlanner(new TemplateStoryWriter(), writer, new HeroDesigner());

        List<String> prompts = planner.promptsFor("story-9", scenes, bible, context);

        assertThat(prompts).hasSize(20).allSatisfy(prompt -> assertThat(PromptContract.occurrences(prompt, bible.text())).isEqualTo(1));
        assertThat(prompts.get(0)).contains("Mood: ").contains("Composition: ");
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void worksWithALocalServerThatAnswersInCodeFences() throws Exception {
        fake.support(FakeOpenAiChat.Support.NONE);

        assertContractHolds(writer.write("story-9", scenes, bible, context));
    }

    @Test
    void theCallIsChargedToThePromptsStage() throws Exception {
        writer.write("story-9", scenes, bible, context);

        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.stage()).isEqualTo("prompts");
            assertThat(charge.storyId()).isEqualTo("story-9");
            assertThat(charge.usd()).isPresent();
        });
    }
}
