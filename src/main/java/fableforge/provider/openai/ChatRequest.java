package fableforge.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One chat completion to ask for: the conversation, the JSON shape wanted back, and who pays for it.
 *
 * @param storyId             the story the call is charged to
 * @param stage               the spend stage, {@code story} or {@code prompts}
 * @param messages            the conversation; it must mention JSON, for servers that only have JSON mode
 * @param schema              the answer's shape, sent as a strict {@code json_schema} where the server supports it
 * @param temperature         sampling temperature
 * @param maxCompletionTokens the most the answer may cost; an answer cut at this limit comes back marked cut
 */
public record ChatRequest(String storyId, String stage, List<Message> messages, Schema schema, double temperature, int maxCompletionTokens) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }

    /** One message of the conversation. */
    public record Message(String role, String content) {
        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }

        public static Message assistant(String content) {
            return new Message("assistant", content);
        }
    }

    /** A named JSON schema in the subset strict structured outputs accept. */
    public record Schema(String name, ObjectNode schema) {
    }
}
