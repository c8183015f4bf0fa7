package fableforge.fake.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Needs ../shared/openai-contract.json: every test here is skipped, saying why, when it is absent. */
class OpenAiContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private OpenAiContract contract;

    @BeforeEach
    void needsTheContract() {
        contract = OpenAiContract.loadOrSkip();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode gptImage2(String size) {
        return json("{'model': 'gpt-image-2', 'prompt': 'a fox in a red scarf', 'n': 1, 'size': '" + size + "',"
                + " 'quality': 'high', 'output_format': 'png', 'background': 'auto', 'moderation': 'low'}");
    }

    private List<String> generation(JsonNode body) {
        return contract.check("images/generations", body);
    }

    @Test
    void validGptImage2GenerationPasses() {
        assertThat(generation(gptImage2("1024x1536"))).isEmpty();
        assertThat(generation(gptImage2("auto"))).isEmpty();
    }

    @Test
    void nullForANullableFieldPasses() {
        assertThat(generation(gptImage2("1024x1024").putNull("background").putNull("n"))).isEmpty();
    }

    @Test
    void styleOnGptImage2Fails() {
        assertThat(generation(gptImage2("1024x1024").put("style", "vivid")))
                .singleElement().asString().startsWith("style:");
    }

    @Test
    void responseFormatOnGptImage2Fails() {
        assertThat(generation(gptImage2("1024x1024").put("response_format", "b64_json")))
                .singleElement().asString().startsWith("response_format:");
    }

    @Test
    void dallEQualityOnGptImage2Fails() {
        assertThat(generation(gptImage2("1024x1024").put("quality", "hd")))
                .singleElement().asString().startsWith("quality:");
    }

    @Test
    void sizeNotDivisibleBy16FailsWhileTheNextMultiplePasses() {
        assertThat(generation(gptImage2("1080x1920")))
                .singleElement().asString().startsWith("size:").contains("divisible by 16");
        assertThat(generation(gptImage2("1088x1920"))).isEmpty();
    }

    @Test
    void aspectBeyond3To1FailsWhileExactly3To1Passes() {
        assertThat(generation(gptImage2("2400x784")))
                .singleElement().asString().startsWith("size:").contains("aspect");
        assertThat(generation(gptImage2("2304x768"))).isEmpty();
    }

    @Test
    void sizeAbove3840x2160Fails() {
        assertThat(generation(gptImage2("3840x2160"))).isEmpty();
        assertThat(generation(gptImage2("3840x2176"))).singleElement().asString().contains("3840x2160");
        assertThat(generation(gptImage2("4096x2048"))).anySatisfy(v -> assertThat(v).contains("3840 pixels"));
    }

    @Test
    void gptImage1TakesOnlyItsThreeSizes() {
        ObjectNode body = gptImage2("1088x1920").put("model", "gpt-image-1");
        assertThat(generation(body)).singleElement().asString().startsWith("size:");
        assertThat(generation(body.put("size", "1536x1024"))).isEmpty();
    }

    @Test
    void elevenImagesFail() {
        assertThat(generation(gptImage2("1024x1024").put("n", 11))).singleElement().asString().startsWith("n:");
    }

    @Test
    void dallE3MakesOneImageAtItsOwnSizes() {
        ObjectNode body = json("{'model': 'dall-e-3', 'prompt': 'a fox', 'n': 2, 'size': '1536x1024',"
                + " 'quality': 'hd', 'style': 'natural', 'response_format': 'url', 'output_format': 'png'}");
        assertThat(generation(body)).hasSize(3)
                .anySatisfy(v -> assertThat(v).startsWith("n:"))
                .anySatisfy(v -> assertThat(v).startsWith("size:"))
                .anySatisfy(v -> assertThat(v).startsWith("output_format:"));
    }

    @Test
    void unknownParameterFails() {
        assertThat(generation(gptImage2("1024x1024").put("aspect_ratio", "9:16")))
                .singleElement().asString().startsWith("aspect_ratio: unknown parameter");
    }

    @Test
    void validChatCompletionWithJsonSchemaResponseFormatPasses() {
        ObjectNode body = json("""
                {'model': 'gpt-4.1-mini', 'temperature': 0.8, 'max_completion_tokens': 4000,
                 'messages': [{'role': 'system', 'content': 'You write stories.'},
                              {'role': 'user', 'content': 'A brave otter.'}],
                 'response_format': {'type': 'json_schema', 'json_schema': {'name': 'story', 'strict': true,
                     'schema': {'type': 'object', 'properties': {'title': {'type': 'string'}},
                                'required': ['title'], 'additionalProperties': false}}}}""");
        assertThat(contract.check("chat/completions", body)).isEmpty();
    }

    @Test
    void chatPropertiesFromEveryAllOfPartAreKnown() {
        // temperature, top_p, metadata come from ModelResponseProperties, two allOf levels down.
        ObjectNode body = json("{'model': 'gpt-4o', 'messages': [{'role': 'user', 'content': 'hi'}],"
                + " 'temperature': 1, 'top_p': 0.9, 'metadata': {'story': '42'}, 'seed': 7, 'stop': null}");
        assertThat(contract.check("chat/completions", body)).isEmpty();
    }

    @Test
    void chatMessageWithBadRoleFailsInOneLine() {
        ObjectNode body = json("{'model': 'gpt-4o', 'messages': [{'role': 'narrator', 'content': 'Once'}]}");
        assertThat(contract.check("chat/completions", body))
                .containsExactly("messages[0].role: \"narrator\" is not one of developer, system, user, assistant,"
                        + " tool, function");
    }

    @Test
    void chatMessageOfAKnownRoleReportsOnlyItsOwnProblem() {
        ObjectNode body = json("{'model': 'gpt-4o', 'messages': [{'role': 'user'}]}");
        assertThat(contract.check("chat/completions", body))
                .singleElement().asString().startsWith("messages[0]:").contains("content");
    }

    @Test
    void maxTokensFailsOnlyForReasoningModels() {
        String messages = "'messages': [{'role': 'user', 'content': 'hi'}], 'max_tokens': 100";
        assertThat(contract.check("chat/completions", json("{'model': 'o3-mini', " + messages + "}")))
                .singleElement().asString().startsWith("max_tokens:");
        assertThat(contract.check("chat/completions", json("{'model': 'gpt-4o', " + messages + "}"))).isEmpty();
    }

    private static ObjectNode speech(String model) {
        return json("{'model': '" + model + "', 'input': 'Once upon a time.', 'voice': 'fable',"
                + " 'response_format': 'wav', 'speed': 1.0}");
    }

    @Test
    void validSpeechPasses() {
        assertThat(contract.check("audio/speech", speech("gpt-4o-mini-tts").put("instructions", "Warm."))).isEmpty();
    }

    @Test
    void speechAtSpeed5Fails() {
        assertThat(contract.check("audio/speech", speech("tts-1").put("speed", 5)))
                .singleElement().asString().startsWith("speed:");
    }

    @Test
    void speechInputOver4096CharactersFails() {
        assertThat(contract.check("audio/speech", speech("tts-1").put("input", "a".repeat(4097))))
                .singleElement().asString().startsWith("input:");
        assertThat(contract.check("audio/speech", speech("tts-1").put("input", "a".repeat(4096)))).isEmpty();
    }

    @Test
    void instructionsWithTts1Fails() {
        assertThat(contract.check("audio/speech", speech("tts-1").put("instructions", "Whisper.")))
                .singleElement().asString().startsWith("instructions:");
    }

    @Test
    void unknownSpeechParameterIsReportedOnce() {
        assertThat(contract.check("audio/speech", speech("tts-1").put("pitch", 2)))
                .singleElement().asString().startsWith("pitch: unknown parameter");
    }

    private static Map<String, List<String>> editFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("model", List.of("gpt-image-2"));
        fields.put("prompt", List.of("the same fox, now sailing"));
        fields.put("n", List.of("1"));
        fields.put("size", List.of("1088x1920"));
        fields.put("quality", List.of("medium"));
        fields.put("input_fidelity", List.of("high"));
        fields.put("output_format", List.of("png"));
        return fields;
    }

    @Test
    void validEditPasses() {
        assertThat(contract.imageEditViolations(editFields(), 3)).isEmpty();
    }

    @Test
    void editWith17ImagesFails() {
        assertThat(contract.imageEditViolations(editFields(), 17))
                .singleElement().asString().startsWith("image:").contains("16");
    }

    @Test
    void editWithoutImagesFails() {
        assertThat(contract.imageEditViolations(editFields(), 0))
                .singleElement().asString().contains("image");
    }

    @Test
    void editFieldsAreTypedAsTheSchemaSays() {
        Map<String, List<String>> fields = editFields();
        fields.put("n", List.of("two"));
        assertThat(contract.imageEditViolations(fields, 1)).singleElement().asString().startsWith("n:");
        fields.put("n", List.of("11"));
        assertThat(contract.imageEditViolations(fields, 1)).singleElement().asString().startsWith("n:");
    }

    @Test
    void editTakesNoModerationField() {
        Map<String, List<String>> fields = editFields();
        fields.put("moderation", List.of("low"));
        assertThat(contract.imageEditViolations(fields, 1))
                .singleElement().asString().startsWith("moderation: unknown parameter");
    }
}
