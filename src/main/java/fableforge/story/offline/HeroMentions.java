package fableforge.story.offline;

import fableforge.story.Beat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a narration line refers to the hero: {@code {hero}}, {@code {hero_him}} and {@code {hero_his}} in a wording
 * become the hero's name ("Ember", "Ember's") or pronoun ("she", "her"). A narrator names the hero at the start
 * and at each turn of the story, and says she or he only right after a line whose first sentence named the hero
 * with nobody else named after it: so a pronoun never reaches back over a line, over another character, or over
 * a sentence a short video drops (a line is shortened from its end, never losing its first sentence).
 */
final class HeroMentions {

    static final int UNNAMED_RUN = 2;

    private final Pattern name;
    private final Pronouns pronouns;
    private final List<Pattern> others;
    private final Vocabulary words;
    private final String heroName;

    /** {@code others}: the other characters' names (mentor, villain) a pronoun could be mistaken for. */
    HeroMentions(String name, Pronouns pronouns, List<String> others, Vocabulary words) {
        this.name = named(name);
        this.pronouns = pronouns;
        this.others = others.stream().map(HeroMentions::named).toList();
        this.words = words;
        this.heroName = name;
    }

    /** Sets the hero's placeholders for scene {@code number}, whose line follows {@code previous}. */
    void prepare(int number, String previous) {
        boolean byName = !pronounFits(number, previous);
        words.put("hero", byName ? heroName : pronouns.subject());
        words.put("hero_him", byName ? heroName : pronouns.object());
        words.put("hero_his", byName ? heroName + "'s" : pronouns.possessive());
    }

    /** Whether scene {@code number}'s line may call the hero she or he after {@code previous}. */
    boolean pronounFits(int number, String previous) {
        if (isTurn(number)) {
            return false;
        }
        List<String> sentences = Sentences.split(previous);
        if (sentences.isEmpty() || !name.matcher(sentences.getFirst()).find()) {
            return false;
        }
        int lastNamed = lastMatch(name, previous);
        return others.stream().noneMatch(other -> lastMatch(other, previous) > lastNamed);
    }

    /**
     * Whether scene {@code number}'s line, after the story's {@code earlier} lines, should name the hero: at the
     * story's turns, and after {@value #UNNAMED_RUN} lines in a row that did not, so the hero never drops out of
     * the story for long.
     */
    boolean mustName(int number, List<String> earlier) {
        return isTurn(number) || earlier.size() >= UNNAMED_RUN
                && earlier.subList(earlier.size() - UNNAMED_RUN, earlier.size()).stream().noneMatch(this::namesHero);
    }

    /** Whether {@code line} names the hero in its first sentence, the one a line keeps in every video. */
    boolean namesHero(String line) {
        List<String> sentences = Sentences.split(line);
        return !sentences.isEmpty() && name.matcher(sentences.getFirst()).find();
    }

    /** The story opens, finds its power, changes, meets its challenge and ends: there the narrator names the hero. */
    static boolean isTurn(int number) {
        return number == 1 || List.of(Beat.DISCOVERY, Beat.TRANSFORMATION, Beat.CHALLENGE, Beat.TRIUMPH).stream()
                .anyMatch(beat -> beat.firstScene() == number);
    }

    private static int lastMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int last = -1;
        while (matcher.find()) {
            last = matcher.start();
        }
        return last;
    }

    private static Pattern named(String name) {
        return Pattern.compile("(?<![\\p{L}])" + Pattern.quote(name) + "(?![\\p{L}])");
    }
}
