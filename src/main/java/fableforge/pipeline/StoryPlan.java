package fableforge.pipeline;

import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.quiz.QuizAnswers;
import fableforge.story.Hero;
import fableforge.story.Scene;
import java.util.List;

/** A written story before its images: the answers, the hero and its bible, 20 scenes and their prompts. */
public record StoryPlan(
        String storyId,
        long seed,
        QuizAnswers answers,
        Hero hero,
        CharacterBible bible,
        PromptContext context,
        List<Scene> scenes,
        List<String> prompts) {

    public StoryPlan {
        scenes = List.copyOf(scenes);
        prompts = List.copyOf(prompts);
        if (scenes.size() != prompts.size()) {
            throw new IllegalArgumentException(scenes.size() + " scenes but " + prompts.size() + " prompts");
        }
    }
}
