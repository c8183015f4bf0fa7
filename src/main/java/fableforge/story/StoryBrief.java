package fableforge.story;

import fableforge.quiz.QuizAnswers;

/**
 * Everything a story writer needs: the validated answers, the designed hero and the variation seed,
 * and the story's id so paid calls can be charged to it.
 */
public record StoryBrief(String storyId, QuizAnswers answers, Hero hero, long seed) {

    public StoryBrief(QuizAnswers answers, Hero hero, long seed) {
        this("unsaved", answers, hero, seed);
    }
}
