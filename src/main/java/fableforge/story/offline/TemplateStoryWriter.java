package fableforge.story.offline;

import fableforge.quiz.QuizAnswers;
import fableforge.story.Beat;
import fableforge.story.Scene;
import fableforge.story.StoryBrief;
import fableforge.story.StoryWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The offline story writer: fills beat-by-beat templates (resources under
 * {@code fableforge/story/templates}) with the quiz answers and the designed hero.
 *
 * <p>Everything random comes from {@link StoryBrief#seed()}, so a seed always gives the same story
 * and another seed a different one. Each scene slot has several wordings; conditions on a wording
 * ({@code [ally]}, {@code [storm]}, {@code [tone:funny]}) keep it to the stories it makes sense in.
 * Each scene's narration line, what is read aloud and captioned, comes from wordings of its own
 * ({@link NarrationWriter}).
 */
public final class TemplateStoryWriter implements StoryWriter {

    private static final int MAX_SENTENCES = 4;
    private static final int SHORT_SCENE_WORDS = 26;
    private static final int MAX_WORDS = 58;

    private final TemplateBook book;
    private final NarrationWriter narration;

    public TemplateStoryWriter() {
        this.book = TemplateBook.load();
        this.narration = new NarrationWriter(book);
    }

    @Override
    public List<Scene> write(StoryBrief brief) {
        SplittableRandom root = new SplittableRandom(brief.seed());
        SplittableRandom casting = root.split();
        SplittableRandom choosing = root.split();
        Vocabulary words = new Vocabulary(root.split());
        // Split last, so the narration's choices leave the story's own (and so every earlier seed's story) as they were.
        SplittableRandom narrating = root.split();
        Pronouns pronouns = HeroWords.contribute(brief.hero(), brief.answers(), words, casting);
        Set<String> facts = cast(brief, pronouns, words, casting);
        TemplateRenderer renderer = new TemplateRenderer(words);
        NarrationWriter.Narrating narrator = new NarrationWriter.Narrating(renderer, heroMentions(brief, pronouns, facts, words), narrating);

        List<Scene> scenes = new ArrayList<>();
        Set<String> usedSentences = new HashSet<>();
        // The opening scene stays plain: an aside there comments on a story that has not started.
        boolean previousHadAside = true;
        for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
            Written written = writeScene(number, facts, renderer, choosing, usedSentences);
            String draft = written.text();
            // Asides in back-to-back scenes start to sound like a tic, so only a short scene gets one then.
            String text = maybeAddAside(draft, ToneWords.asideKey(number), previousHadAside, facts, renderer, choosing, usedSentences);
            previousHadAside = !text.equals(draft);
            Sentences.split(text).forEach(s -> usedSentences.add(normalised(s)));
            // Written after the text, from the story's fixed words only, so the text reads as it did before narration lines.
            List<String> earlier = scenes.stream().map(Scene::narration).toList();
            scenes.add(Scene.of(number, text, narration.write(number, brief.narrationWords(number), earlier, written.narrationFacts(facts), narrator)));
        }
        return List.copyOf(scenes);
    }

    private Set<String> cast(StoryBrief brief, Pronouns pronouns, Vocabulary words, SplittableRandom random) {
        QuizAnswers answers = brief.answers();
        Set<String> facts = new HashSet<>();
        SettingWords.contribute(answers, book, words, random);
        facts.addAll(VillainWords.contribute(answers, brief.hero().species(), book, words, random));
        facts.addAll(AllyWords.contribute(answers, pronouns, book, words, random));
        facts.addAll(RejectionWords.contribute(answers, pronouns, book, words, random));
        facts.addAll(ToneWords.contribute(answers, book, words, random));
        facts.addAll(PowerWords.contribute(brief.hero(), book, words));
        return facts;
    }

    /** The hero's mentions in narration, told the other characters a "she" or "he" could be taken for. */
    private static HeroMentions heroMentions(StoryBrief brief, Pronouns pronouns, Set<String> facts, Vocabulary words) {
        List<String> others = new ArrayList<>();
        others.add(words.lookup("villain"));
        if (facts.contains("ally")) {
            others.add(words.lookup("ally"));
        }
        return new HeroMentions(brief.hero().name(), pronouns, others, words);
    }

    /** Tries the slot's wordings in a seeded order and keeps the first that repeats no earlier sentence. */
    private Written writeScene(int number, Set<String> facts, TemplateRenderer renderer, SplittableRandom random, Set<String> used) {
        List<Template> options = book.shuffled("scene." + number, facts, random);
        if (options.isEmpty()) {
            throw new IllegalStateException("no template fits scene " + number + " for facts " + facts);
        }
        Written fallback = null;
        for (Template option : options) {
            Written written = new Written(renderer.render(option.text()), option);
            if (fallback == null) {
                fallback = written;
            }
            if (Sentences.split(written.text()).stream().noneMatch(s -> used.contains(normalised(s)))) {
                return written;
            }
        }
        return fallback;
    }

    /** A scene's text and the wording it was written from, whose picture the narration line tells. */
    private record Written(String text, Template wording) {

        Set<String> narrationFacts(Set<String> facts) {
            Set<String> withPicture = new HashSet<>(facts);
            withPicture.addAll(wording.showsFacts());
            return withPicture;
        }
    }

    /**
     * Adds a one-sentence aside in the story's tone to some scenes that have room for it, and to
     * every scene too short to carry its picture for the ~5 seconds a scene is on screen.
     */
    private String maybeAddAside(String text, String asideKey, boolean previousHadAside, Set<String> facts, TemplateRenderer renderer, SplittableRandom random, Set<String> used) {
        boolean roll = random.nextDouble() < ToneWords.flourishChance(facts);
        boolean tooShort = Sentences.words(text) < SHORT_SCENE_WORDS;
        if (!(roll && !previousHadAside || tooShort) || Sentences.count(text) >= MAX_SENTENCES) {
            return text;
        }
        String aside = renderer.render("{flourish_" + asideKey + "}");
        boolean repeats = used.contains(normalised(aside)) || Sentences.split(text).stream().anyMatch(s -> normalised(s).equals(normalised(aside)));
        if (repeats || Sentences.words(text) + Sentences.words(aside) > MAX_WORDS) {
            return text;
        }
        return text + " " + aside;
    }


    private static String normalised(String sentence) {
        return sentence.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").strip();
    }

    @Override
    public String name() {
        return "offline-templates";
    }
}
