package fableforge.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON in a model's answer when the server could not be held to a format: the whole text,
 * else the inside of a {@code ```json} fence, else the span from the first brace or bracket to the
 * last matching one (an answer that wraps the JSON in prose).
 */
public final class JsonAnswer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n?(.*?)```", Pattern.DOTALL);

    private JsonAnswer() {
    }

    public static Optional<JsonNode> parse(String content) {
        String text = content.strip();
        Optional<JsonNode> whole = read(text);
        if (whole.isPresent()) {
            return whole;
        }
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            Optional<JsonNode> fenced = read(fence.group(1).strip());
            if (fenced.isPresent()) {
                return fenced;
            }
        }
        return embedded(text, '{', '}').or(() -> embedded(text, '[', ']'));
    }

    private static Optional<JsonNode> embedded(String text, char open, char close) {
        int start = text.indexOf(open);
        int end = text.lastIndexOf(close);
        return start >= 0 && end > start ? read(text.substring(start, end + 1)) : Optional.empty();
    }

    private static Optional<JsonNode> read(String text) {
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || !node.isContainerNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
