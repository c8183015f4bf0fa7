package fableforge.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's models as data ({@code models.json} beside {@code prices.json}, or {@code MODEL_TABLE_FILE}):
 * the image families and what each takes, which models {@code auto} prefers for chat and speech, and
 * which speech models take {@code instructions}. Model names change every few months; this file
 * changes with them, the code does not.
 */
public final class ModelTable {

    private static final String BUILT_IN = "/fableforge/spend/models.json";

    private final List<Entry> families;
    private final ImageFamily unknownFamily;
    private final List<String> chatPreference;
    private final List<String> speechPreference;
    private final List<String> speechInstructions;
    private final int shutdownWarningDays;

    private record Entry(List<String> patterns, ImageFamily family) {
    }

    private ModelTable(JsonNode table) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode family : table.path("image_families")) {
            entries.add(new Entry(strings(family.path("models")), family(family)));
        }
        if (entries.isEmpty() || !table.path("unknown_image_family").isObject()) {
            throw new IllegalArgumentException("needs image_families and unknown_image_family");
        }
        this.families = List.copyOf(entries);
        this.unknownFamily = family(table.path("unknown_image_family"));
        this.chatPreference = strings(table.path("chat_preference"));
        this.speechPreference = strings(table.path("speech_preference"));
        this.speechInstructions = strings(table.path("speech_instructions"));
        this.shutdownWarningDays = table.path("shutdown_warning_days").asInt(60);
    }

    public static ModelTable builtIn() {
        try (InputStream in = ModelTable.class.getResourceAsStream(BUILT_IN)) {
            return new ModelTable(new ObjectMapper().readTree(in));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the built-in model table is unreadable", e);
        }
    }

    /** The built-in table, or {@code file} in its place. */
    public static ModelTable load(Optional<Path> file) {
        if (file.isEmpty()) {
            return builtIn();
        }
        try {
            return new ModelTable(new ObjectMapper().readTree(Files.readString(file.get())));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("MODEL_TABLE_FILE=" + file.get() + ": not a readable JSON model table ("
                    + e.getMessage() + "); see the built-in src/main/resources" + BUILT_IN + " for its shape", e);
        }
    }

    /** The family of {@code model}: the first whose names match (exact, or a {@code prefix-*} pattern), else the unknown family. */
    public ImageFamily imageFamily(String model) {
        for (Entry entry : families) {
            if (entry.patterns().stream().anyMatch(pattern -> matches(pattern, model))) {
                return entry.family();
            }
        }
        return unknownFamily;
    }

    public List<String> chatPreference() {
        return chatPreference;
    }

    public List<String> speechPreference() {
        return speechPreference;
    }

    /** Whether the speech model {@code model} reads {@code instructions} (how to speak); tts-1 does not. */
    public boolean speechTakesInstructions(String model) {
        return speechInstructions.stream().anyMatch(pattern -> matches(pattern, model));
    }

    /** A shutdown this many days away or nearer is announced (log, {@code /health}, the UI's banner). */
    public int shutdownWarningDays() {
        return shutdownWarningDays;
    }

    static boolean matches(String pattern, String model) {
        return pattern.endsWith("*") ? model.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(model);
    }

    private static ImageFamily family(JsonNode node) {
        Map<String, String> fixed = new LinkedHashMap<>();
        node.path("size").path("fixed").properties().forEach(size -> fixed.put(size.getKey(), size.getValue().asText()));
        JsonNode rule = node.path("size").path("flexible");
        Optional<ImageFamily.FlexibleSize> flexible = rule.isObject()
                ? Optional.of(new ImageFamily.FlexibleSize(positive(rule, "multiple_of"), positive(rule, "long_side")))
                : Optional.empty();
        if (fixed.isEmpty() && flexible.isEmpty()) {
            throw new IllegalArgumentException("image family " + node.path("family").asText("?") + " has no size rule");
        }
        return new ImageFamily(node.path("family").asText(ImageFamily.UNKNOWN), new LinkedHashSet<>(strings(node.path("parameters"))),
                strings(node.path("qualities")), node.path("default_quality").asText(""), java.util.Collections.unmodifiableMap(fixed), flexible,
                node.path("max_reference_images").asInt(0), node.path("max_prompt_chars").asInt(4_000));
    }

    private static int positive(JsonNode node, String field) {
        int value = node.path(field).asInt(0);
        if (value <= 0) {
            throw new IllegalArgumentException("size.flexible." + field + " must be a positive number");
        }
        return value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
