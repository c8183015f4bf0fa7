package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeServer.Recorded;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The request rules of OpenAI Chat Completions that {@link FakeOpenAiChat} holds every call to, in the API's own words. */
final class FakeChatRules {

    private static final Set<String> FIELDS = Set.of("model", "messages", "temperature", "max_completion_tokens", "max_tokens",
            "response_format", "top_p", "seed", "n", "stream", "user");

    private FakeChatRules() {
    }

    /** What the API would reject in this request, or null. */
    static String problem(Recorded request, JsonNode body, String model) {
        if (!String.valueOf(request.header("content-type")).startsWith("application/json")) {
            return "Content-Type must be application/json";
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return "Unrecognized request argument supplied: " + name;
            }
        }
        if (!body.path("model").isTextual()) {
            return "you must provide a model parameter";
        }
        if (!body.path("model").asText().equals(model)) {
            return "The model `" + body.path("model").asText() + "` does not exist or you do not have access to it.";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "'messages' must be a non-empty array";
        }
        for (JsonNode message : messages) {
            if (!Set.of("system", "user", "assistant", "developer").contains(message.path("role").asText())) {
                return "Invalid value for 'messages[].role': '" + message.path("role").asText() + "'";
            }
            if (!message.path("content").isTextual() || message.path("content").asText().isBlank()) {
                return "'messages[].content' must be a non-empty string";
            }
        }
        if (!messages.get(messages.size() - 1).path("role").asText().equals("user")) {
            return "the conversation must end with a user message";
        }
        if (body.has("temperature") && !(body.get("temperature").isNumber() && body.get("temperature").asDouble() >= 0
                && body.get("temperature").asDouble() <= 2)) {
            return "Invalid 'temperature': must be a number from 0 to 2";
        }
        if (body.has("max_completion_tokens") && !(body.get("max_completion_tokens").canConvertToInt() && body.get("max_completion_tokens").asInt() > 0)) {
            return "Invalid 'max_completion_tokens': must be a positive integer";
        }
        return checkFormat(body.path("response_format"), messages);
    }

    private static String checkFormat(JsonNode format, JsonNode messages) {
        if (format.isMissingNode()) {
            return null;
        }
        switch (format.path("type").asText()) {
            case "text" -> {
                return null;
            }
            case "json_object" -> {
                return messages.toString().toLowerCase(Locale.ROOT).contains("json") ? null
                        : "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
            }
            case "json_schema" -> {
                JsonNode jsonSchema = format.path("json_schema");
                if (!jsonSchema.path("name").asText("").matches("[a-zA-Z0-9_-]{1,64}")) {
                    return "Invalid 'response_format.json_schema.name': must match ^[a-zA-Z0-9_-]{1,64}$";
                }
                if (!jsonSchema.path("schema").isObject()) {
                    return "Invalid 'response_format.json_schema.schema': expected an object";
                }
                return jsonSchema.path("strict").asBoolean(false) ? strictProblem(jsonSchema.path("schema"), "") : null;
            }
            default -> {
                return "Invalid value for 'response_format.type': '" + format.path("type").asText() + "'";
            }
        }
    }

    /** Strict structured outputs: every object lists all its properties as required and forbids others. */
    private static String strictProblem(JsonNode schema, String context) {
        if (schema.path("type").asText().equals("object")) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                return "Invalid schema for response_format: In context=(" + context + "), 'additionalProperties' is required to be supplied and to be false.";
            }
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(name -> required.add(name.asText()));
            for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!required.contains(name)) {
                    return "Invalid schema for response_format: In context=(" + context + "), 'required' is required to be supplied and to be an array including every key in properties. Missing '" + name + "'.";
                }
                String problem = strictProblem(schema.path("properties").path(name), context + ", 'properties', '" + name + "'");
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (schema.path("type").asText().equals("array")) {
            return strictProblem(schema.path("items"), context + ", 'items'");
        }
        return null;
    }
}
