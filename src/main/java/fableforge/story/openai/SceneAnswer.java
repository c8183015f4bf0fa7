package fableforge.story.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.provider.openai.JsonAnswer;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scenes out of a model's answer, however it came: the asked-for JSON (or JSON inside
 * prose or code fences, in a bare array, or keyed by number), the complete scene objects of an answer
 * cut at the token limit, and as a last resort "Scene N: ..." lines. Only the wanted numbers count;
 * the first non-empty text of a number wins, so duplicates and empty scenes end up missing.
 */
final class SceneAnswer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON_STRING = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern NUMBER_THEN_TEXT = Pattern.compile(
            "\\{\\s*\"(?:number|scene)\"\\s*:\\s*\"?(\\d{1,2})\"?\\s*,\\s*\"text\"\\s*:\\s*" + JSON_STRING
                    + "(?:\\s*,\\s*\"narration\"\\s*:\\s*" + JSON_STRING + ")?\\s*}");
    private static final Pattern TEXT_THEN_NUMBER = Pattern.compile(
            "\\{\\s*\"text\"\\s*:\\s*" + JSON_STRING + "\\s*,\\s*\"(?:number|scene)\"\\s*:\\s*\"?(\\d{1,2})\"?\\s*}");
    private static final Pattern SCENE_LINE = Pattern.compile(
            "^[\\s*_#>-]*scene\\s*(\\d{1,2})\\s*[*_]*\\s*[:.)\\-–—]\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    private SceneAnswer() {
    }

    /** A scene as the model wrote it; {@code narration} null when the answer had none (it is then derived from the text). */
    record Written(String text, String narration) {
    }

    static Map<Integer, Written> read(String content, Collection<Integer> wanted) {
        Map<Integer, Written> scenes = new TreeMap<>();
        Optional<JsonNode> json = JsonAnswer.parse(content);
        if (json.isPresent()) {
            fromJson(json.get(), scenes, wanted);
        } else {
            fromSceneObjects(content, scenes, wanted);
        }
        if (scenes.isEmpty()) {
            fromSceneLines(content, scenes, wanted);
        }
        return scenes;
    }

    private static void fromJson(JsonNode answer, Map<Integer, Written> scenes, Collection<Integer> wanted) {
        JsonNode list = answer.isArray() ? answer : answer.path("scenes");
        if (list.isArray()) {
            int position = 0;
            for (JsonNode item : list) {
                position++;
                if (item.isTextual()) {
                    keep(scenes, wanted, position, item.asText());
                } else {
                    int number = item.path("number").asInt(item.path("scene").asInt(item.path("scene_number").asInt(0)));
                    keep(scenes, wanted, number, textOf(item), item.path("narration").asText(null));
                }
            }
        } else if (list.isObject()) {
            // {"scenes": {"1": "...", "2": "..."}}: a shape some local models choose.
            for (Iterator<Map.Entry<String, JsonNode>> fields = list.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                keep(scenes, wanted, leadingNumber(field.getKey()), field.getValue().isTextual() ? field.getValue().asText() : textOf(field.getValue()),
                        field.getValue().path("narration").asText(null));
            }
        }
    }

    private static String textOf(JsonNode item) {
        for (String field : new String[] {"text", "description", "content", "scene_text"}) {
            if (item.path(field).isTextual()) {
                return item.path(field).asText();
            }
        }
        return "";
    }

    /** An answer cut short is not valid JSON, but the scenes before the cut are whole objects. */
    private static void fromSceneObjects(String content, Map<Integer, Written> scenes, Collection<Integer> wanted) {
        Matcher numberFirst = NUMBER_THEN_TEXT.matcher(content);
        while (numberFirst.find()) {
            keep(scenes, wanted, Integer.parseInt(numberFirst.group(1)), unescape(numberFirst.group(2)),
                    numberFirst.group(3) == null ? null : unescape(numberFirst.group(3)));
        }
        Matcher textFirst = TEXT_THEN_NUMBER.matcher(content);
        while (textFirst.find()) {
            keep(scenes, wanted, Integer.parseInt(textFirst.group(2)), unescape(textFirst.group(1)));
        }
    }

    private static void fromSceneLines(String content, Map<Integer, Written> scenes, Collection<Integer> wanted) {
        Map<Integer, StringBuilder> found = new TreeMap<>();
        StringBuilder current = null;
        for (String line : content.split("\\R")) {
            Matcher header = SCENE_LINE.matcher(line);
            if (header.matches()) {
                current = found.containsKey(Integer.parseInt(header.group(1))) ? new StringBuilder()
                        : found.computeIfAbsent(Integer.parseInt(header.group(1)), n -> new StringBuilder());
                current.append(header.group(2));
            } else if (current != null && !line.isBlank()) {
                current.append(' ').append(line.strip());
            }
        }
        found.forEach((number, text) -> keep(scenes, wanted, number, text.toString()));
    }

    private static void keep(Map<Integer, Written> scenes, Collection<Integer> wanted, int number, String text) {
        keep(scenes, wanted, number, text, null);
    }

    private static void keep(Map<Integer, Written> scenes, Collection<Integer> wanted, int number, String text, String narration) {
        String clean = SceneText.clean(text);
        String spoken = narration == null ? "" : SceneText.clean(narration);
        if (wanted.contains(number) && !clean.isEmpty()) {
            scenes.putIfAbsent(number, new Written(clean, spoken.isEmpty() ? null : spoken));
        }
    }

    private static int leadingNumber(String key) {
        Matcher digits = Pattern.compile("(\\d{1,2})").matcher(key);
        return digits.find() ? Integer.parseInt(digits.group(1)) : 0;
    }

    private static String unescape(String jsonString) {
        try {
            return MAPPER.readValue("\"" + jsonString + "\"", String.class);
        } catch (IOException e) {
            return jsonString;
        }
    }
}
