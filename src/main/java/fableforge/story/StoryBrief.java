package fableforge.story;

import fableforge.quiz.QuizAnswers;

/** Everything a story writer needs: the validated answers, the designed hero and the variation seed. */
public record StoryBrief(QuizAnswers answers, Hero hero, long seed) {
}
