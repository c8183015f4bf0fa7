package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Quiz answers used across the story tests, and a one-call way to write a story from them. */
final class StoryFixtures {

    static final TemplateStoryWriter WRITER = new TemplateStoryWriter();

    private StoryFixtures() {
    }

    static QuizAnswers fullFoxQuiz() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("animal", "fox");
        values.put("character_name", "Ember");
        values.put("setting", "enchanted forest");
        values.put("visual_style", "pixar 3d");
        values.put("aspect_ratio", "9:16");
        values.put("hero_color", "silver");
        values.put("distinctive_mark", "a white star on the forehead");
        values.put("rejection_reason", "too small");
        values.put("power", "fire");
        values.put("power_source", "ancient amulet");
        values.put("villain", "tyrant");
        values.put("villain_name", "King Gorrath");
        values.put("ally", "wise old owl");
        values.put("tone", "epic");
        values.put("lesson", "true strength is protecting others");
        return new QuizAnswers(values);
    }

    static QuizAnswers minimal(String animal, String setting) {
        return new QuizAnswers(Map.of("animal", animal, "setting", setting, "visual_style", "watercolor"));
    }

    static QuizAnswers with(QuizAnswers base, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>(base.values());
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new QuizAnswers(values);
    }

    static List<Scene> write(QuizAnswers answers, long seed) {
        return WRITER.write(new StoryBrief(answers, new HeroDesigner().design(answers, seed), seed));
    }

    static fableforge.story.Hero heroOf(QuizAnswers answers, long seed) {
        return new HeroDesigner().design(answers, seed);
    }

    static String print(List<Scene> scenes) {
        StringBuilder out = new StringBuilder();
        for (Scene scene : scenes) {
            out.append(scene.number()).append(" [").append(scene.beat().id()).append("] ").append(scene.text()).append("\n");
        }
        return out.toString();
    }
}
