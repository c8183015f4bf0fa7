package fableforge.story.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * All wordings, read from plain-text resources so writers can edit prose without touching code.
 *
 * <p>Format: a line {@code == key ==} opens a section; every following non-blank line is one
 * alternative, optionally starting with conditions in brackets ({@code [ally,tone:funny] …}) and, for a
 * scene, what it shows ({@code [#tears]}, see {@link Template});
 * lines starting with {@code #} are comments.
 */
final class TemplateBook {

    static final List<String> FILES = List.of("scenes", "powers", "villains", "rejections", "settings", "tones", "allies", "narration");

    private final Map<String, List<Template>> sections;

    private TemplateBook(Map<String, List<Template>> sections) {
        this.sections = sections;
    }

    static TemplateBook load() {
        Map<String, List<Template>> sections = new HashMap<>();
        for (String file : FILES) {
            String resource = "/fableforge/story/templates/" + file + ".txt";
            try (InputStream in = TemplateBook.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing template resource " + resource);
                }
                parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource, sections);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new TemplateBook(sections);
    }

    /** Every alternative in a section; fails loudly on a misspelt key rather than writing a blank. */
    List<Template> section(String key) {
        List<Template> templates = sections.get(key);
        if (templates == null) {
            throw new IllegalArgumentException("no template section " + key);
        }
        return templates;
    }

    /** The texts of a section whose alternatives fit the story's facts. */
    List<String> texts(String key, Set<String> facts) {
        return section(key).stream().filter(t -> t.fits(facts)).map(Template::text).toList();
    }

    /** {@link #texts} in an order drawn from {@code random} (Fisher-Yates), so a seed picks the wording. */
    List<String> shuffledTexts(String key, Set<String> facts, SplittableRandom random) {
        return shuffled(key, facts, random).stream().map(Template::text).toList();
    }

    /** The alternatives of a section that fit the story's facts, in an order drawn from {@code random}. */
    List<Template> shuffled(String key, Set<String> facts, SplittableRandom random) {
        List<Template> copy = new ArrayList<>(section(key).stream().filter(t -> t.fits(facts)).toList());
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Template swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return copy;
    }

    private static void parse(BufferedReader reader, String resource, Map<String, List<Template>> sections) throws IOException {
        List<Template> current = null;
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("==") && text.endsWith("==")) {
                String key = text.substring(2, text.length() - 2).strip();
                current = sections.computeIfAbsent(key, k -> new ArrayList<>());
            } else if (current == null) {
                throw new IllegalStateException(resource + ":" + number + ": text before the first == section ==");
            } else {
                current.add(template(text));
            }
        }
    }

    private static Template template(String line) {
        if (!line.startsWith("[")) {
            return new Template(Set.of(), Set.of(), line);
        }
        int close = line.indexOf(']');
        Set<String> conditions = new LinkedHashSet<>();
        Set<String> shows = new LinkedHashSet<>();
        for (String entry : line.substring(1, close).split(",")) {
            String condition = entry.strip();
            if (condition.startsWith("#")) {
                shows.add(condition.substring(1));
            } else {
                conditions.add(condition);
            }
        }
        return new Template(Set.copyOf(conditions), Set.copyOf(shows), line.substring(close + 1).strip());
    }
}
