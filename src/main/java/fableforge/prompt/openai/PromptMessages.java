package fableforge.prompt.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.ScenePrompts;
import fableforge.provider.openai.ChatRequest;
import fableforge.provider.openai.ChatRequest.Message;
import fableforge.story.Scene;
import java.util.List;

/**
 * The conversation that has a chat model do the seed's {@code create_prompts} and
 * {@code standardize_prompts} in one call. The model writes what each image shows; the fixed hero
 * description and the style line are added in code, so the model is told not to write them.
 */
final class PromptMessages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String SYSTEM = """
            You turn the scenes of an illustrated animal story into prompts for an image model. \
            Each prompt describes one still image: the hero's action and pose, the other characters, the place, \
            the camera shot, the lighting and the mood, in 40 to 80 words. Keep every prompt consistent with the \
            others (same hero, same world, same style), family-friendly, with no violence, and no text or letters in the image. \
            Answer with JSON only, in this shape: {"prompts": [{"number": 1, "prompt": "..."}, ...]}.""";

    private PromptMessages() {
    }

    static List<Message> of(List<Scene> scenes, CharacterBible bible, PromptContext context) {
        StringBuilder text = new StringBuilder("Write one image prompt for each of these ").append(scenes.size())
                .append(" scenes, as JSON.\n\n")
                .append("Visual style: ").append(context.visualStyle()).append(" (").append(ScenePrompts.styleLine(context)).append(")\n")
                .append("Aspect ratio: ").append(context.aspectRatio().label()).append('\n')
                .append("Setting: ").append(context.setting()).append('\n')
                .append("Hero: ").append(bible.heroName()).append('\n')
                .append("Character description (added word for word to every prompt by the app; do not repeat or rephrase it, "
                        + "call the hero only by name): ").append(bible.text()).append("\n\nScenes:\n");
        for (Scene scene : scenes) {
            text.append("Scene ").append(scene.number()).append(" (").append(scene.beat().description()).append("): ")
                    .append(scene.text().replaceAll("\\s+", " ").strip()).append('\n');
        }
        return List.of(Message.system(SYSTEM), Message.user(text.toString()));
    }

    static ChatRequest.Schema schema(int count) {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object").put("additionalProperties", false);
        schema.putArray("required").add("prompts");
        ObjectNode prompts = schema.putObject("properties").putObject("prompts")
                .put("type", "array").put("minItems", count).put("maxItems", count);
        ObjectNode item = prompts.putObject("items").put("type", "object").put("additionalProperties", false);
        item.putArray("required").add("number").add("prompt");
        ObjectNode properties = item.putObject("properties");
        properties.putObject("number").put("type", "integer");
        properties.putObject("prompt").put("type", "string");
        return new ChatRequest.Schema("scene_prompts", schema);
    }
}
