package fableforge.story.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.provider.openai.ChatRequest;
import fableforge.provider.openai.ChatRequest.Message;
import fableforge.story.Beat;
import fableforge.story.VideoLength;
import fableforge.story.Hero;
import fableforge.story.NounPhrase;
import fableforge.story.StoryBrief;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The conversation that asks a chat model for the 20 scenes, and the one that asks for missing ones. */
final class StoryMessages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String SYSTEM = """
            You write family-friendly "Power Fantasy" stories for short animal videos (YouTube Shorts, TikTok, Reels). \
            A story has exactly 20 scenes; each scene is 1 to 3 vivid sentences that a viewer can picture as one image. \
            No gore, no cruelty, nothing frightening for young children: conflicts end through courage, cleverness and kindness. \
            Answer with JSON only, in this shape: {"scenes": [{"number": 1, "text": "...", "narration": "..."}, ...]}. \
            Each text is plain prose: no scene labels, no quotes around it, no markdown. \
            Each narration is what a narrator says aloud over that scene's picture, also shown as its caption: \
            one or two short spoken sentences within the scene's word limit, telling the story rather than describing the picture.""";

    private StoryMessages() {
    }

    static List<Message> story(StoryBrief brief) {
        return List.of(Message.system(SYSTEM), Message.user(storyBrief(brief)));
    }

    /** The first conversation, the scenes written so far as the model's answer, and a request for the rest. */
    static List<Message> missing(StoryBrief brief, Map<Integer, SceneAnswer.Written> written, Collection<Integer> missing) {
        String numbers = missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return List.of(Message.system(SYSTEM), Message.user(storyBrief(brief)), Message.assistant(scenesJson(written)),
                Message.user("Scenes " + numbers + " are missing or empty. Write only these scenes (numbers " + numbers
                        + "), so that they fit between the scenes around them and follow the beat of their number. "
                        + "Answer with JSON only: {\"scenes\": [{\"number\": n, \"text\": \"...\", \"narration\": \"...\"}]}."));
    }

    static ChatRequest.Schema schema(Collection<Integer> numbers) {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object").put("additionalProperties", false);
        schema.putArray("required").add("scenes");
        ObjectNode scenes = schema.putObject("properties").putObject("scenes")
                .put("type", "array").put("minItems", numbers.size()).put("maxItems", numbers.size());
        ObjectNode item = scenes.putObject("items").put("type", "object").put("additionalProperties", false);
        item.putArray("required").add("number").add("text");
        ObjectNode properties = item.putObject("properties");
        ArrayNode allowed = properties.putObject("number").put("type", "integer").putArray("enum");
        numbers.forEach(allowed::add);
        properties.putObject("text").put("type", "string");
        // Strict structured outputs need every property listed in "required" and no others allowed:
        // https://platform.openai.com/docs/guides/structured-outputs (Supported schemas).
        item.withArray("required").add("narration");
        properties.putObject("narration").put("type", "string");
        return new ChatRequest.Schema("story_scenes", schema);
    }

    private static String storyBrief(StoryBrief brief) {
        Hero hero = brief.hero();
        StringBuilder text = new StringBuilder("Write a 20-scene Power Fantasy story about this hero, as JSON.\n\n");
        text.append("Hero name: ").append(hero.name()).append('\n')
                .append("Species: ").append(hero.species()).append('\n')
                .append("Looks: ").append(hero.primaryColour().name()).append(" with ").append(hero.secondaryColour().name())
                .append(" accents, ").append(hero.eyeColour().name()).append(" eyes, ").append(hero.marking()).append('\n')
                .append("Power: ").append(hero.power()).append(", found in scene 5 in ").append(hero.artifact()).append('\n');
        text.append("\nThe creator's quiz answers (use every one of them):\n");
        brief.answers().values().forEach((key, value) -> text.append("- ").append(key.replace('_', ' ')).append(": ").append(value).append('\n'));
        text.append("\nStructure (every scene must serve the beat of its number):\n");
        for (Beat beat : Beat.values()) {
            String scenes = beat.firstScene() == beat.lastScene() ? "Scene " + beat.firstScene()
                    : "Scenes " + beat.firstScene() + "-" + beat.lastScene();
            text.append("- ").append(scenes).append(": ").append(beat.description()).append('\n');
        }
        text.append("\nRules:\n")
                .append("- Exactly 20 scenes, numbered 1 to 20 in order, none empty.\n")
                .append("- Each scene 1 to 3 vivid, concrete sentences: what ").append(hero.name()).append(" does, where, and how it feels.\n")
                .append("- Call the hero ").append(hero.name()).append(" and keep it ").append(NounPhrase.indefinite(hero.species())).append(" throughout.\n")
                .append("- Family-friendly throughout; end on a triumphant image that shows the lesson.\n")
                .append("- Each scene's narration fits its share of a ").append(VideoLength.defaultSeconds(brief.aspect()))
                .append("-second video, at most this many words (scene: words): ").append(narrationLimits(brief)).append(".\n");
        return text.toString();
    }

    private static String narrationLimits(StoryBrief brief) {
        StringBuilder limits = new StringBuilder();
        for (int number = 1; number <= Beat.TOTAL_SCENES; number++) {
            limits.append(number == 1 ? "" : ", ").append(number).append(": ").append(brief.narrationWords(number));
        }
        return limits.toString();
    }

    private static String scenesJson(Map<Integer, SceneAnswer.Written> written) {
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode scenes = answer.putArray("scenes");
        written.forEach((number, scene) -> scenes.addObject().put("number", number).put("text", scene.text())
                .put("narration", scene.narration() == null ? "" : scene.narration()));
        return answer.toString();
    }
}
