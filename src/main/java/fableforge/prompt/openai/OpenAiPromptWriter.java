package fableforge.prompt.openai;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.PromptWriter;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.openai.ChatCompletions;
import fableforge.provider.openai.ChatReply;
import fableforge.provider.openai.ChatRequest;
import fableforge.provider.openai.JsonAnswer;
import fableforge.story.Scene;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the image prompts of a story with a chat model in one call, then holds them to the prompt
 * contract in code (one per scene, the character bible word for word exactly once, the style line).
 * An answer that cannot be made valid is a failed call: the story planner then uses the templates.
 */
public final class OpenAiPromptWriter implements PromptWriter, Monitored {

    static final double TEMPERATURE = 0.7;
    /** 20 prompts of up to 80 words are ~2,500 tokens; the rest is room for reasoning models. */
    static final int MAX_TOKENS = 8_000;

    private final ChatCompletions chat;

    public OpenAiPromptWriter(ChatCompletions chat) {
        this.chat = chat;
    }

    @Override
    public List<String> write(String storyId, List<Scene> scenes, CharacterBible bible, PromptContext context) throws ProviderException {
        ChatReply reply = chat.complete(new ChatRequest(storyId, "prompts", PromptMessages.of(scenes, bible, context),
                PromptMessages.schema(scenes.size()), TEMPERATURE, MAX_TOKENS));
        try {
            return PromptContract.enforce(bodies(reply, scenes), scenes, bible, context);
        } catch (PromptContract.Invalid e) {
            throw new ProviderException(new ProviderError.Transient(name() + " wrote prompts that cannot be used: " + e.getMessage()
                    + (reply.cut() ? " (the answer was cut at the token limit)" : "")));
        }
    }

    /** The model's text per scene, in the scenes' order, matched by number (or by position when it gave none). */
    private static List<String> bodies(ChatReply reply, List<Scene> scenes) throws PromptContract.Invalid {
        JsonNode answer = JsonAnswer.parse(reply.content()).orElseThrow(() -> new PromptContract.Invalid("its answer holds no JSON"));
        JsonNode list = answer.isArray() ? answer : answer.path("prompts");
        if (!list.isArray()) {
            throw new PromptContract.Invalid("its answer has no \"prompts\" list");
        }
        Map<Integer, String> byNumber = new HashMap<>();
        int position = 0;
        for (JsonNode item : list) {
            position++;
            String text = item.isTextual() ? item.asText() : item.path("prompt").asText("");
            int number = item.path("number").asInt(position);
            if (!text.isBlank()) {
                byNumber.putIfAbsent(number, text);
            }
        }
        List<String> bodies = new ArrayList<>();
        for (Scene scene : scenes) {
            String body = byNumber.get(scene.number());
            if (body == null) {
                throw new PromptContract.Invalid("it wrote no prompt for scene " + scene.number());
            }
            bodies.add(body);
        }
        return bodies;
    }

    @Override
    public String name() {
        return "openai:" + chat.model();
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return chat.lastCall();
    }
}
