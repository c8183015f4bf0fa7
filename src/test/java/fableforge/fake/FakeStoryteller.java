package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeOpenAiChat.PromptAnswer;
import fableforge.fake.FakeOpenAiChat.StoryAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The "model" behind {@link FakeOpenAiChat}: reads the hero, the answers and the scenes out of the
 * conversation, as a model would, and writes a story or a prompt list from them, in the shape and
 * with the flaw the test asked for.
 */
final class FakeStoryteller {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MISSING = Pattern.compile("\\(numbers ([\\d, ]+)\\)");
    private static final Pattern SCENE_LINE = Pattern.compile("(?m)^Scene (\\d{1,2}) \\([^)]*\\): (.+)$");

    /** What the assistant message holds. */
    record Answer(String content, String refusal, String finishReason) {
        static Answer of(String content) {
            return new Answer(content, null, "stop");
        }
    }

    private FakeStoryteller() {
    }

    // ----- stories -----

    /**
     * @param responseFormat the request's response_format: with a json_schema, the answer's scene objects
     *                       carry exactly the schema's item properties (strict structured outputs always
     *                       follow the schema), so a "narration" line is written only when the schema asks
     *                       for one; in JSON mode or plain text, when the messages ask for it
     */
    static Answer story(JsonNode messages, StoryAnswer mode, String format, JsonNode responseFormat) {
        boolean narrated = responseFormat.path("type").asText("").equals("json_schema")
                ? responseFormat.at("/json_schema/schema/properties/scenes/items/properties").has("narration")
                : messages.toString().contains("narration");
        String brief = messages.get(1).path("content").asText();
        String last = messages.get(messages.size() - 1).path("content").asText();
        Map<String, String> facts = facts(brief);
        List<Integer> wanted = wanted(last);
        Map<Integer, String> scenes = new LinkedHashMap<>();
        wanted.forEach(number -> scenes.put(number, scene(number, facts)));
        return switch (mode) {
            case REFUSAL -> new Answer(null, "I'm sorry, but I can't help with that request.", "stop");
            case MALFORMED -> Answer.of("{'scenes': [" + scenes.entrySet().stream()
                    .map(e -> "{number: " + e.getKey() + ", text: '" + e.getValue() + "'}").collect(Collectors.joining(", ")) + "]");
            case SCENE_LINES -> Answer.of("Here is your story!\n\n" + scenes.entrySet().stream()
                    .map(e -> "**Scene " + e.getKey() + ":** " + e.getValue()).collect(Collectors.joining("\n\n")));
            case CODE_FENCED -> Answer.of("```json\n" + scenesJson(scenes, narrated) + "\n```");
            case PROSE_WRAPPED -> Answer.of("Sure! Here is the story you asked for:\n" + scenesJson(scenes, narrated) + "\nLet me know if you want changes.");
            case LABELLED_AND_QUOTED -> {
                Map<Integer, String> labelled = new LinkedHashMap<>();
                scenes.forEach((number, text) -> labelled.put(number, "**Scene " + number + ":** \"" + text + "\""));
                yield Answer.of(scenesJson(labelled, narrated));
            }
            case ONLY_17 -> {
                scenes.keySet().removeAll(List.of(4, 11, 18));
                yield Answer.of(scenesJson(scenes, narrated));
            }
            case DUPLICATES_AND_EMPTY -> {
                ArrayNode list = MAPPER.createArrayNode();
                scenes.forEach((number, text) -> {
                    if (number != 12) {
                        list.addObject().put("number", number).put("text", number == 9 ? "  " : text);
                    }
                    if (number == 3) {
                        list.addObject().put("number", 3).put("text", "A second, different scene 3 that should not win.");
                    }
                });
                ObjectNode answer = MAPPER.createObjectNode();
                answer.set("scenes", list);
                yield Answer.of(answer.toString());
            }
            case CUT_AT_LENGTH -> {
                String whole = scenesJson(scenes, narrated);
                yield new Answer(whole.substring(0, whole.length() * 6 / 10), null, "length");
            }
            case NOTHING_NEW -> Answer.of("{\"scenes\": []}");
            case NORMAL -> Answer.of(format.equals("none")
                    ? "Here is the story as JSON:\n\n```json\n" + scenesJson(scenes, narrated) + "\n```\n\nI hope you enjoy it!"
                    : scenesJson(scenes, narrated));
        };
    }

    /** "Hero name: Ember" lines and "- setting: enchanted forest" answers. */
    private static Map<String, String> facts(String brief) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : brief.split("\n")) {
            Matcher fact = Pattern.compile("^-?\\s*([A-Za-z ]+):\\s*(.+)$").matcher(line.strip());
            if (fact.matches()) {
                facts.putIfAbsent(fact.group(1).strip().toLowerCase(), fact.group(2).strip());
            }
        }
        return facts;
    }

    private static List<Integer> wanted(String lastMessage) {
        Matcher missing = MISSING.matcher(lastMessage);
        if (missing.find()) {
            return Pattern.compile(",\\s*").splitAsStream(missing.group(1).strip()).map(Integer::parseInt).toList();
        }
        return IntStream.rangeClosed(1, 20).boxed().toList();
    }

    private static String scene(int number, Map<String, String> facts) {
        String name = facts.getOrDefault("hero name", "the hero");
        String species = facts.getOrDefault("species", "animal");
        String setting = facts.getOrDefault("setting", "the valley");
        String villain = facts.getOrDefault("villain name", facts.getOrDefault("villain", "the bully"));
        String ally = facts.getOrDefault("ally", "an old friend");
        String power = facts.getOrDefault("power", "a hidden power").split(",")[0];
        return switch (number) {
            case 1 -> "At the edge of the " + setting + ", " + name + " the little " + species + " watches the others play without " + name + ".";
            case 2 -> "When " + name + " asks to join, the others laugh and turn away.";
            case 3 -> name + " walks home alone as the light fades, ears low.";
            case 4 -> "That night " + name + " wishes on the first star to matter to someone.";
            case 5 -> "Deep in the " + setting + ", " + name + " finds something glowing under the roots of an old tree.";
            case 6 -> "The moment " + name + " touches it, " + power + " wakes with a warm hum.";
            case 7 -> name + " tries the new power too fast and tumbles into a muddy stream.";
            case 8 -> villain + " sees the fall and sneers that a " + species + " like " + name + " will never be strong.";
            case 9 -> "With " + ally + " cheering, " + name + " practises at dawn, again and again.";
            case 10 -> "Day after day " + name + " grows steadier, each try a little brighter than the last.";
            case 11 -> "One morning the glow fills " + name + "'s whole body, and the little " + species + " stands tall.";
            case 12 -> name + " looks into the still pond and barely recognises the brave face looking back.";
            case 13 -> name + " lifts a fallen log off a trapped family of rabbits in one smooth motion.";
            case 14 -> "The others stop and stare as " + name + " lights the dark path home for everyone.";
            case 15 -> villain + " storms into the " + setting + ", scaring the young ones into hiding.";
            case 16 -> name + " steps forward alone, calm and unafraid, to face " + villain + ".";
            case 17 -> "The power shines so bright that " + villain + "'s tricks melt away like frost in the sun.";
            case 18 -> villain + " backs off and leaves the " + setting + " for good.";
            case 19 -> "The ones who once laughed at " + name + " come forward and ask to be friends.";
            case 20 -> "Under a golden sky, " + name + " stands on the highest hill as everyone cheers, proof that the smallest heart can shine the brightest.";
            default -> throw new IllegalArgumentException("no scene " + number);
        };
    }

    private static String scenesJson(Map<Integer, String> scenes, boolean narrated) {
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("scenes");
        scenes.forEach((number, text) -> {
            ObjectNode scene = list.addObject().put("number", number).put("text", text);
            if (narrated) {
                scene.put("narration", narration(number, text));
            }
        });
        return answer.toString();
    }

    /**
     * Like a model, mostly within the word limit the brief gives, but not always: scene 20's line is the
     * whole long scene, which the writer must shorten.
     */
    static String narration(int number, String text) {
        if (number == 20) {
            return text + " And from that day on, nobody ever laughed at a small heart again.";
        }
        String[] words = text.replaceAll("[,.]", "").split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 5))) + ".";
    }

    // ----- prompts -----

    static Answer prompts(JsonNode messages, PromptAnswer mode, String format) {
        String request = messages.get(messages.size() - 1).path("content").asText();
        Map<String, String> facts = facts(request);
        String name = facts.getOrDefault("hero", "the hero");
        String setting = facts.getOrDefault("setting", "the valley");
        String bible = bible(request);
        List<String> bodies = new ArrayList<>();
        Matcher scenes = SCENE_LINE.matcher(request);
        while (scenes.find()) {
            int number = Integer.parseInt(scenes.group(1));
            String body = shot(number) + " of " + name + " in the " + setting + ": " + scenes.group(2).replaceAll("\\.$", "")
                    + ". " + light(number) + ", storybook framing, rich detail.";
            bodies.add(switch (mode) {
                case PARAPHRASED_BIBLE -> paraphrase(bible, name) + " " + body;
                case DUPLICATED_BIBLE -> "Main character (identical in every image): " + bible + ". " + body + " The hero is " + bible + ".";
                default -> body;
            });
        }
        if (mode == PromptAnswer.ONLY_19) {
            bodies.remove(bodies.size() - 1);
        }
        if (mode == PromptAnswer.MALFORMED) {
            return Answer.of("I wrote the prompts for you, one per scene, but here they are as a list: 1) a fox; 2) a forest");
        }
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("prompts");
        for (int i = 0; i < bodies.size(); i++) {
            list.addObject().put("number", i + 1).put("prompt", bodies.get(i));
        }
        return Answer.of(format.equals("none") ? "```json\n" + answer.toPrettyString() + "\n```" : answer.toString());
    }

    private static String bible(String request) {
        for (String line : request.split("\n")) {
            if (line.startsWith("Character description")) {
                return line.substring(line.indexOf("): ") + 3).strip();
            }
        }
        throw new IllegalArgumentException("the prompt request names no character description");
    }

    /** The bible's looks in other words, as models like to add them: same facts, different wording. */
    static String paraphrase(String bible, String name) {
        String looks = bible.contains(";") ? bible.substring(0, bible.indexOf(';')) : bible;
        looks = looks.replaceFirst("^" + Pattern.quote(name) + ",\\s*", "")
                .replace("a young ", "a little ")
                .replace(" with ", " that has ")
                .replace("on the chest", "on its chest")
                .replace("the forehead", "its forehead");
        return name + " is " + looks + ".";
    }

    private static String shot(int number) {
        return List.of("Wide establishing shot", "Close-up", "Medium shot", "Low-angle hero shot", "Over-the-shoulder view").get(number % 5);
    }

    private static String light(int number) {
        return number <= 8 ? "Cool blue dusk light, lonely mood" : number <= 14 ? "Warm morning light, hopeful mood"
                : number <= 19 ? "Dramatic storm light, tense mood" : "Golden sunset light, triumphant mood";
    }
}
