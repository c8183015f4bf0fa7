package fableforge.video;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.quiz.QuizAnswers;
import fableforge.story.AspectRatio;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import fableforge.story.VideoLength;
import fableforge.story.offline.TemplateStoryWriter;
import fableforge.text.Phrasing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Captions that read, on stories of several quizzes and seeds in every shape: every cue at most two lines
 * of 42 characters inside the safe width, none across a sentence end, no word lost or split, and each on
 * screen at least a second in a default-length video.
 */
class CaptionCuesTest {

    private static final TemplateStoryWriter WRITER = new TemplateStoryWriter();
    private static final List<Map<String, String>> QUIZZES = List.of(
            Map.of("animal", "pangolin", "character_name", "Tamsin", "setting", "misty bamboo forest", "visual_style", "watercolor",
                    "distinctive_mark", "a heart-shaped spot on his chest", "villain", "bully", "ally", "wise old owl", "tone", "funny"),
            Map.of("animal", "fox", "character_name", "Ember", "setting", "enchanted forest", "visual_style", "pixar 3d",
                    "rejection_reason", "too small", "power", "fire", "villain", "tyrant", "villain_name", "King Gorrath", "tone", "epic"),
            Map.of("animal", "hippopotamus", "setting", "sun-baked savanna river", "visual_style", "anime"));

    private static List<Scene> story(Map<String, String> quiz, AspectRatio aspect, long seed) {
        QuizAnswers answers = new QuizAnswers(new java.util.HashMap<>(quiz) {{ put("aspect_ratio", aspect.label()); }});
        return WRITER.write(new StoryBrief(answers, new HeroDesigner().design(answers, seed), seed));
    }

    @Test
    void everyCueIsAtMostTwoLinesOf42CharactersInsideTheSafeAreaAndNeverSpansASentenceEnd() {
        int checked = 0;
        for (AspectRatio aspect : AspectRatio.values()) {
            FrameSize size = FrameSize.of(aspect);
            CaptionLayout layout = new CaptionLayout(size);
            SafeArea safe = SafeArea.of(size);
            for (Map<String, String> quiz : QUIZZES) {
                for (long seed = 1; seed <= 3; seed++) {
                    for (Scene scene : story(quiz, aspect, seed)) {
                        // The scene text too: an edited narration line can be as long as that.
                        for (String text : List.of(scene.narration(), scene.text())) {
                            List<List<String>> pages = layout.pages(text);
                            for (List<String> page : pages) {
                                assertThat(page).as(text).hasSizeBetween(1, 2);
                                page.forEach(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(42));
                                page.forEach(line -> assertThat(layout.width(line)).as(line).isLessThanOrEqualTo(safe.right(size) - safe.left(size)));
                                assertThat(Phrasing.sentences(String.join(" ", page))).as("one sentence: %s", page).hasSize(1);
                                checked++;
                            }
                            assertThat(String.join(" ", pages.stream().flatMap(List::stream).toList())).isEqualTo(Phrasing.tidy(text));
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(700);
    }

    @Test
    void cuesBreakAtPhrasesAndSentencesNotMidPhrase() {
        CaptionLayout layout = new CaptionLayout(FrameSize.of(AspectRatio.LANDSCAPE));

        List<List<String>> pages = layout.pages("Tamsin had a heart-shaped spot on his chest. Tamsin lived in the misty bamboo forest, "
                + "far from the river, where the old pangolins told their stories at dusk.");

        assertThat(pages.getFirst()).as("44 characters: two lines").containsExactly("Tamsin had a heart-shaped", "spot on his chest.");
        assertThat(pages.get(1)).containsExactly("Tamsin lived in the misty bamboo forest,", "far from the river,");
        assertThat(pages.get(2)).as("balanced lines").containsExactly("where the old pangolins", "told their stories at dusk.");
    }

    @Test
    void inADefaultLengthVideoEveryCueStaysOnScreenAtLeastASecond() {
        for (AspectRatio aspect : AspectRatio.values()) {
            CaptionLayout layout = new CaptionLayout(FrameSize.of(aspect));
            List<Scene> scenes = story(QUIZZES.getFirst(), aspect, 7);
            List<OptionalDouble> silent = scenes.stream().map(scene -> OptionalDouble.empty()).toList();
            double[] seconds = Pacing.STANDARD.sceneSeconds(scenes.stream().map(Scene::number).toList(), silent,
                    VideoLength.defaultSeconds(aspect));
            List<Timeline.SceneTiming> timings = new ArrayList<>();
            for (int i = 0; i < scenes.size(); i++) {
                timings.add(new Timeline.SceneTiming(i + 1, seconds[i], layout.pages(scenes.get(i).narration()), false));
            }
            Timeline timeline = Timeline.build(timings, 30, 15, 9);

            assertThat(timeline.seconds()).isCloseTo(VideoLength.defaultSeconds(aspect), org.assertj.core.data.Offset.offset(0.05));
            assertThat(timeline.cues()).allSatisfy(cue -> assertThat(cue.endFrame() - cue.startFrame()).as(cue.text()).isGreaterThanOrEqualTo(30));
            assertThat(timeline.cues()).allSatisfy(cue -> assertThat(cue.wordStarts()).isSorted()
                    .allSatisfy(start -> assertThat(start).isBetween(cue.startFrame(), cue.endFrame() - 1)));
        }
    }

    @Test
    void theWordsStyleHighlightsExactlyTheWordBeingSpoken() {
        FrameSize size = FrameSize.of(AspectRatio.PORTRAIT);
        CaptionLayout layout = new CaptionLayout(size);
        List<String> lines = List.of("Ember waits alone,", "by the river.");

        assertThat(highlighted(CaptionOverlay.draw(lines, layout, size, -1), size)).as("phrase style: no highlight").isEmpty();
        java.awt.Rectangle ember = highlighted(CaptionOverlay.draw(lines, layout, size, 0), size).orElseThrow();
        java.awt.Rectangle river = highlighted(CaptionOverlay.draw(lines, layout, size, 5), size).orElseThrow();
        assertThat(river.y).as("'river.' is on the second line").isGreaterThan(ember.y + ember.height / 2);
        assertThat(ember.width).as("one word, not the line").isLessThan((int) (layout.width("Ember waits alone,") * 0.6));
    }

    @Test
    void wordsAreTimedAcrossTheVoiceWhenNarratedAndEachCueFollowsItsWords() {
        List<List<String>> pages = List.of(List.of("Ember waits alone,"), List.of("by the river."));
        Timeline timeline = Timeline.build(List.of(new Timeline.SceneTiming(1, 4, pages, true, 2.0)), 30, 15, 9);

        Timeline.Cue first = timeline.cues().getFirst();
        Timeline.Cue second = timeline.cues().get(1);
        assertThat(first.wordStarts()).hasSize(3).first().isEqualTo(9);
        assertThat(second.wordStarts().getLast()).as("spoken by the voice's end").isLessThan(9 + 60);
        assertThat(first.wordAt(0)).isZero();
        assertThat(first.wordAt(first.wordStarts().get(2))).isEqualTo(2);
        assertThat(second.startFrame()).isEqualTo(first.endFrame());
    }

    /** Where the overlay has pixels in the highlight colour, if anywhere. */
    private static java.util.Optional<java.awt.Rectangle> highlighted(CaptionOverlay overlay, FrameSize size) {
        VideoFrame frame = new VideoFrame(size);
        overlay.drawOnto(frame, 1);
        byte[] pixels = frame.pixels();
        java.awt.Rectangle found = null;
        for (int i = 0; i < pixels.length; i += 3) {
            // BGR: a strong yellow is high red and green, low blue.
            if ((pixels[i + 2] & 0xff) > 200 && (pixels[i + 1] & 0xff) > 160 && (pixels[i] & 0xff) < 80) {
                java.awt.Rectangle pixel = new java.awt.Rectangle(i / 3 % size.width(), i / 3 / size.width(), 1, 1);
                found = found == null ? pixel : found.union(pixel);
            }
        }
        return java.util.Optional.ofNullable(found);
    }
}
