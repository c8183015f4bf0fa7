package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.NounPhrase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Placeholders about why the others push the hero away. {@code {why}} is a clause that follows
 * "because" ("she was the smallest fox in the pack", or "of her missing tail"); a reason typed by
 * the user is bent into that shape so it reads as part of the sentence.
 */
final class RejectionWords {

    private static final List<String> REASONS = List.of("too small", "looks different", "clumsy", "outsider", "afraid");
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "its", "his", "her", "their", "no", "some");
    private static final Set<String> COUNTS = Set.of("one", "two", "three", "only");
    private static final Map<String, String> TO_PAST = Map.ofEntries(Map.entry("is", "was"), Map.entry("has", "had"),
            Map.entry("can", "could"), Map.entry("can't", "couldn't"), Map.entry("cannot", "could not"), Map.entry("does", "did"),
            Map.entry("doesn't", "didn't"), Map.entry("isn't", "wasn't"), Map.entry("won't", "wouldn't"), Map.entry("will", "would"));
    private static final Set<String> VERBS = Set.of("was", "had", "could", "couldn't", "did", "didn't", "wasn't", "would", "wouldn't",
            "never", "always", "only", "loved", "liked", "looked", "talked", "smelled", "sang", "spoke", "hated", "ate", "got", "lost");

    private RejectionWords() {
    }

    static Set<String> contribute(QuizAnswers answers, Pronouns hero, TemplateBook book, Vocabulary words, SplittableRandom random) {
        String reason = answers.find("rejection_reason").map(r -> r.toLowerCase(Locale.ROOT).strip())
                .orElseGet(() -> REASONS.get(random.nextInt(REASONS.size())));
        if (!REASONS.contains(reason)) {
            reason = "other";
        }
        String key = "rejection." + reason.replace(' ', '_') + ".";
        words.put("rejectors", "the other {species_plural}");
        String detail = answers.find("rejection_detail").orElse(null);
        if (reason.equals("other") && detail != null) {
            words.put("why", whyFromDetail(detail, hero));
        } else {
            words.put("why", book.texts(key + "why", Set.of()).get(random.nextInt(book.texts(key + "why", Set.of()).size())));
        }
        words.putChoices("taunt", book.texts(key + "taunt", Set.of()));
        words.putChoices("callback", book.texts(key + "callback", Set.of()));
        return Set.of("reason:" + reason.replace(' ', '_'));
    }

    /** "it was born without a voice" → "she was born without a voice"; "too loud" → "she was too loud". */
    static String whyFromDetail(String detail, Pronouns hero) {
        String text = NounPhrase.tidy(detail);
        String[] words = text.split(" ", 2);
        String first = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1] : "";
        if (Set.of("it", "he", "she").contains(first)) {
            return (hero.subject() + " " + pastTense(rest)).strip();
        }
        if (Set.of("its", "his", "her").contains(first)) {
            return "of " + hero.possessive() + " " + rest;
        }
        if (DETERMINERS.contains(first)) {
            return "of " + text;
        }
        if (COUNTS.contains(first)) {
            return hero.subject() + " had " + text;
        }
        if (VERBS.contains(first) || TO_PAST.containsKey(first) || first.endsWith("ed")) {
            return hero.subject() + " " + pastTense(text);
        }
        return hero.subject() + " was " + text;
    }

    private static String pastTense(String clause) {
        String[] words = clause.split(" ", 2);
        String past = TO_PAST.get(words[0].toLowerCase(Locale.ROOT));
        if (past == null) {
            return clause;
        }
        return words.length > 1 ? past + " " + words[1] : past;
    }
}
