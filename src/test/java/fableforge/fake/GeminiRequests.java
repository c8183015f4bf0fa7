package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeServer.Recorded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link FakeGemini} reads a {@code generateContent} body and checks it as the API does: known fields
 * only, text or inline image parts whose bytes match their type, no more input images than the model
 * takes, its response modalities and an aspect ratio the model draws.
 */
final class GeminiRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> REQUEST_FIELDS = Set.of("contents", "generationConfig", "safetySettings", "systemInstruction",
            "tools", "toolConfig", "cachedContent");
    private static final Set<String> GENERATION_FIELDS = Set.of("responseModalities", "imageConfig", "candidateCount", "temperature",
            "topP", "topK", "seed", "maxOutputTokens", "stopSequences");
    private static final Set<String> IMAGE_CONFIG_FIELDS = Set.of("aspectRatio", "imageSize");
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp");


    private GeminiRequests() {
    }

    /** Checks the body as the API does; fills {@code call} with what was asked. */
    static Optional<String> read(Recorded request, FakeGemini.Model model, Asked call) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Optional.of("Invalid JSON payload received.");
        }
        if (body == null || !body.isObject()) {
            return Optional.of("Invalid JSON payload received: the body must be an object.");
        }
        Optional<String> unknown = unknownField(body, REQUEST_FIELDS, "");
        if (unknown.isPresent()) {
            return unknown;
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return Optional.of("* GenerateContentRequest.contents: contents is not specified");
        }
        for (JsonNode content : contents) {
            if (content.has("role") && !List.of("user", "model").contains(content.get("role").asText())) {
                return Optional.of("Please use a valid role: user, model.");
            }
            if (!content.path("parts").isArray() || content.path("parts").isEmpty()) {
                return Optional.of("* GenerateContentRequest.contents.parts: contents.parts must not be empty.");
            }
            for (JsonNode part : content.path("parts")) {
                if (part.has("text") == part.has("inlineData")) {
                    return Optional.of("* GenerateContentRequest.contents.parts: a part holds exactly one of text or inlineData");
                }
                if (part.has("text")) {
                    call.texts.add(part.get("text").asText());
                    continue;
                }
                String mimeType = part.path("inlineData").path("mimeType").asText("");
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(part.path("inlineData").path("data").asText(""));
                } catch (IllegalArgumentException e) {
                    return Optional.of("Invalid value at 'contents.parts.inline_data.data' (TYPE_BYTES), Base64 decoding failed");
                }
                if (!IMAGE_TYPES.contains(mimeType) || !mimeType.equals(sniff(bytes))) {
                    return Optional.of("Unable to process input image: mimeType '" + mimeType + "' does not match the data ("
                            + sniff(bytes) + ")");
                }
                call.images.add(new FakeGemini.InputImage(mimeType, bytes));
            }
        }
        if (call.images.size() > model.maxInputImages()) {
            return Optional.of("The request contains " + call.images.size() + " images; this model takes at most "
                    + model.maxInputImages() + ".");
        }
        JsonNode generation = body.path("generationConfig");
        unknown = unknownField(generation, GENERATION_FIELDS, "generation_config.");
        if (unknown.isPresent()) {
            return unknown;
        }
        for (JsonNode modality : generation.path("responseModalities")) {
            if (!List.of("TEXT", "IMAGE").contains(modality.asText())) {
                return Optional.of("Invalid value at 'generation_config.response_modalities' (type.googleapis.com/"
                        + "google.ai.generativelanguage.v1beta.GenerationConfig.Modality), \"" + modality.asText() + "\"");
            }
            call.modalities.add(modality.asText());
        }
        JsonNode imageConfig = generation.path("imageConfig");
        unknown = unknownField(imageConfig, IMAGE_CONFIG_FIELDS, "generation_config.image_config.");
        if (unknown.isPresent()) {
            return unknown;
        }
        call.aspectRatio = imageConfig.has("aspectRatio") ? imageConfig.get("aspectRatio").asText() : null;
        if (call.aspectRatio != null && !model.sizes().containsKey(call.aspectRatio)) {
            return Optional.of("Unsupported aspect ratio: " + call.aspectRatio + ". Supported values are " + model.sizes().keySet() + ".");
        }
        return Optional.empty();
    }

    private static Optional<String> unknownField(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return Optional.of("Invalid JSON payload received. Unknown name \"" + prefix + name + "\": Cannot find field.");
            }
        }
        return Optional.empty();
    }

    private static String sniff(byte[] bytes) {
        if (bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (bytes.length > 12 && new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
            return "image/webp";
        }
        return "not an image";
    }

    /** What a request asked for, filled in while it is read. */
    static final class Asked {
        final List<String> texts = new ArrayList<>();
        final List<FakeGemini.InputImage> images = new ArrayList<>();
        final List<String> modalities = new ArrayList<>();
        String aspectRatio;
    }
}
