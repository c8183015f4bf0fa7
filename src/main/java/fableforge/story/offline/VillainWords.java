package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.NounPhrase;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Placeholders about the opponent. Rivals, tyrants and monsters get a name (the user's, or one
 * from the seed); a storm and poachers are forces rather than characters and go unnamed unless
 * the user named them. Every villain wording is a whole clause written for its kind, so templates
 * never need to agree a verb with "the poachers" versus "Grimjaw".
 */
final class VillainWords {

    static final List<String> KINDS = List.of("rival", "tyrant", "monster", "storm", "poachers");
    private static final List<String> CLAUSES = List.of("shadow", "approach", "arrives", "threat", "strikes", "taunt", "falls", "redeemed");

    private VillainWords() {
    }

    /** Adds the villain's words and returns the story facts it implies (e.g. "rival", "named"). */
    static Set<String> contribute(QuizAnswers answers, String heroSpecies, TemplateBook book, Vocabulary words, SplittableRandom random) {
        String kind = answers.find("villain").map(v -> v.toLowerCase(Locale.ROOT)).filter(KINDS::contains)
                .orElseGet(() -> KINDS.get(random.nextInt(KINDS.size())));
        String prefix = "villain." + kind + ".";
        boolean named = !kind.equals("storm") && !kind.equals("poachers");
        Set<String> facts = named ? Set.of(kind, "named") : Set.of(kind);

        String given = answers.find("villain_name").map(NounPhrase::tidy).map(VillainWords::capitalised).orElse(null);
        String name;
        if (given != null && kind.equals("poachers")) {
            // Poachers are a gang; a name the user gives belongs to their leader.
            name = given + "'s poachers";
        } else if (given != null) {
            name = given;
        } else if (named) {
            name = pick(book.texts(prefix + "names", Set.of()), random);
        } else {
            name = book.texts(prefix + "names", Set.of()).get(0);
        }
        words.put("villain", name);
        words.put("tyrant_beast", pickOther(book.texts("villain.tyrant.beasts", Set.of()), heroSpecies, random));
        words.put("villain_role", pick(book.texts(prefix + "role", facts), random));
        for (String clause : CLAUSES) {
            words.putChoices("villain_" + clause, book.texts(prefix + clause, facts));
        }
        return facts;
    }

    private static String capitalised(String name) {
        return NounPhrase.isProperName(name) || name.toLowerCase(Locale.ROOT).startsWith("the ")
                ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String pickOther(List<String> beasts, String heroSpecies, SplittableRandom random) {
        List<String> others = beasts.stream().filter(b -> !heroSpecies.contains(b) && !b.contains(heroSpecies)).toList();
        return pick(others.isEmpty() ? beasts : others, random);
    }

    private static String pick(List<String> options, SplittableRandom random) {
        return options.get(random.nextInt(options.size()));
    }
}
