package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.NounPhrase;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Placeholders about the helper. {@code {ally_full}} introduces it once ("a wise old owl named
 * Orla"), {@code {ally}} names it afterwards ("Orla", "the brave hedgehog"). "nobody" makes the
 * story fact "alone", which switches scenes to their solitary wordings.
 */
final class AllyWords {

    private static final List<String> CHOICES = List.of("wise old owl", "little sibling", "grumpy badger", "nobody");

    private AllyWords() {
    }

    static Set<String> contribute(QuizAnswers answers, Pronouns hero, TemplateBook book, Vocabulary words, SplittableRandom random) {
        String ally = answers.find("ally").orElseGet(() -> CHOICES.get(random.nextInt(CHOICES.size())));
        String choice = ally.toLowerCase(Locale.ROOT).strip();
        if (choice.equals("nobody") || choice.equals("no one") || choice.equals("none")) {
            return Set.of("alone");
        }
        String kind = switch (choice) {
            case "wise old owl" -> "owl";
            case "little sibling" -> "sibling";
            case "grumpy badger" -> "badger";
            default -> "custom";
        };
        switch (kind) {
            case "owl" -> named(words, "a wise old owl named ", pick(book, "ally.owl.names", random));
            case "badger" -> named(words, "a grumpy old badger named ", pick(book, "ally.badger.names", random));
            case "sibling" -> {
                String sibling = random.nextBoolean() ? "sister" : "brother";
                String name = pick(book, "ally.sibling." + sibling, random);
                words.put("ally", name);
                words.put("ally_full", hero.possessive() + " little " + sibling + " " + name);
            }
            default -> custom(ally, hero, words);
        }
        words.putChoices("ally_quirk", book.texts("ally." + kind + ".quirk", Set.of()));
        return Set.of("ally", "ally:" + kind);
    }

    private static void named(Vocabulary words, String description, String name) {
        words.put("ally", name);
        words.put("ally_full", description + name);
    }

    /** Free text: "a brave hedgehog" → "a brave hedgehog" / "the brave hedgehog"; "Grandpa Joe" stays. */
    private static void custom(String ally, Pronouns hero, Vocabulary words) {
        String tidy = NounPhrase.tidy(ally);
        String lower = tidy.toLowerCase(Locale.ROOT);
        if (lower.startsWith("my ") || lower.startsWith("its ") || lower.startsWith("his ") || lower.startsWith("her ")) {
            String owned = hero.possessive() + tidy.substring(tidy.indexOf(' '));
            words.put("ally", owned);
            words.put("ally_full", owned);
        } else if (NounPhrase.isProperName(tidy)) {
            words.put("ally", tidy);
            words.put("ally_full", tidy);
        } else {
            words.put("ally", NounPhrase.definite(tidy));
            words.put("ally_full", NounPhrase.indefinite(tidy));
        }
    }

    private static String pick(TemplateBook book, String key, SplittableRandom random) {
        List<String> options = book.texts(key, Set.of());
        return options.get(random.nextInt(options.size()));
    }
}
