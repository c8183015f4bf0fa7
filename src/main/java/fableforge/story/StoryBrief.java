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

    /** The frame's shape the quiz chose: it sets the default video length the narration lines are sized for. */
    public AspectRatio aspect() {
        return AspectRatio.fromLabel(answers.getOrDefault("aspect_ratio", AspectRatio.DEFAULT.label()));
    }

    /** How many words scene {@code number}'s narration line may have in the aspect's default video length. */
    public int narrationWords(int number) {
        return NarrationLine.wordBudget(number, VideoLength.defaultSeconds(aspect()));
    }
}
