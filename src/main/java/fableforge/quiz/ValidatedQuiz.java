package fableforge.quiz;

import java.util.List;

/** Answers that passed validation, normalised to canonical values, plus notes about what was ignored. */
public record ValidatedQuiz(QuizAnswers answers, List<String> warnings) {
}
