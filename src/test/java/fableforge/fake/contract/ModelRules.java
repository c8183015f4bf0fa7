package fableforge.fake.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What OpenAI's spec says in its field descriptions, per model, and its schemas cannot say: the schemas
 * take the union of every model's values, the descriptions narrow them. Quotes are from the descriptions
 * of openai/openai-openapi {@code openapi.yaml} (CreateImageRequest, CreateImageEditRequest,
 * CreateSpeechRequest, CreateChatCompletionRequest) as the official clients generated from it carry them
 * (openai-node {@code src/resources/images.ts}, {@code audio/speech.ts}; the Rust openai-client-base
 * {@code docs/CreateImageRequest.md}). A request without {@code model} is left to the schema.
 */
final class ModelRules {

    /** "The maximum length is 32000 characters for the GPT image models, 1000 characters for
     *  dall-e-2 and 4000 characters for dall-e-3." (CreateImageRequest.prompt) */
    private static final int GPT_IMAGE_PROMPT = 32_000;
    private static final int DALL_E_3_PROMPT = 4_000;
    private static final int DALL_E_2_PROMPT = 1_000;

    /** "high, medium and low are supported for the GPT image models" and "auto (default value) will
     *  automatically select the best quality"; "hd and standard are supported for dall-e-3";
     *  "standard is the only option for dall-e-2". (CreateImageRequest.quality) */
    private static final Set<String> GPT_IMAGE_QUALITIES = Set.of("low", "medium", "high", "auto");
    private static final Set<String> DALL_E_3_QUALITIES = Set.of("standard", "hd");
    private static final Set<String> DALL_E_2_QUALITIES = Set.of("standard", "auto");

    /** "Must be one of 1024x1024, 1536x1024 (landscape), 1024x1536 (portrait), or auto (default value) for
     *  the GPT image models, one of 256x256, 512x512, or 1024x1024 for dall-e-2, and one of 1024x1024,
     *  1792x1024, or 1024x1792 for dall-e-3." (CreateImageRequest.size) */
    private static final Set<String> GPT_IMAGE_1_SIZES = Set.of("1024x1024", "1536x1024", "1024x1536", "auto");
    private static final Set<String> DALL_E_3_SIZES = Set.of("1024x1024", "1792x1024", "1024x1792");
    private static final Set<String> DALL_E_2_SIZES = Set.of("256x256", "512x512", "1024x1024");

    /** Each "This parameter is only supported for the GPT image models" (background, output_format,
     *  output_compression, moderation), and input_fidelity: "This parameter is only supported for
     *  gpt-image-1 and gpt-image-1.5 and later models, unsupported for gpt-image-1-mini." (InputFidelity) */
    private static final List<String> GPT_IMAGE_ONLY = List.of("background", "output_format", "output_compression",
            "moderation", "input_fidelity");

    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,5})x([1-9][0-9]{0,5})");

    /**
     * gpt-image-2 takes any size within these bounds (../shared/provider-contracts.md, "OpenAI — Images":
     * "any WIDTHxHEIGHT with both sides divisible by 16, aspect between 1:3 and 3:1, at most 3840x2160").
     * The longest side and the pixel floor are from the gateways that resell gpt-image-2 and quote
     * OpenAI's limits ("max edge 3840px, both dimensions multiples of 16, aspect ratio ≤ 3:1, total pixels
     * 655,360–8,294,400"); 8,294,400 is 3840x2160.
     */
    private static final int GPT_IMAGE_2_STEP = 16;
    private static final int GPT_IMAGE_2_LONGEST_SIDE = 3840;
    private static final long GPT_IMAGE_2_MAX_PIXELS = 3840L * 2160;
    private static final long GPT_IMAGE_2_MIN_PIXELS = 655_360;
    private static final int GPT_IMAGE_2_MAX_ASPECT = 3;

    /** "You can provide up to 16 images. For dall-e-2, you can only provide one image" (CreateImageEditRequest
     *  .image); the 16 is the schema's maxItems. */
    private static final int DALL_E_2_EDIT_IMAGES = 1;

    private ModelRules() {
    }

    /** Generations and edits alike; {@code imageParts} is -1 for a generation. */
    static List<String> image(JsonNode body, int imageParts) {
        List<String> violations = new ArrayList<>();
        String model = text(body, "model");
        if (model == null) {
            return violations;
        }
        if (isGptImage(model)) {
            gptImage(body, model, violations);
        } else if (model.equals("dall-e-3")) {
            dallE(body, model, DALL_E_3_SIZES, DALL_E_3_QUALITIES, DALL_E_3_PROMPT, violations);
            if (present(body, "n") && body.get("n").asInt() != 1) {
                // "For dall-e-3, only n=1 is supported." (CreateImageRequest.n)
                violations.add("n: dall-e-3 makes one image per call (n=1), was " + body.get("n"));
            }
        } else if (model.equals("dall-e-2")) {
            dallE(body, model, DALL_E_2_SIZES, DALL_E_2_QUALITIES, DALL_E_2_PROMPT, violations);
            if (present(body, "style")) {
                // "This param is only supported for dall-e-3." (CreateImageRequest.style)
                violations.add("style: only dall-e-3 takes style, not dall-e-2");
            }
            if (imageParts > DALL_E_2_EDIT_IMAGES) {
                violations.add("image: dall-e-2 edits one image, was sent " + imageParts);
            }
        }
        return violations;
    }

    private static void gptImage(JsonNode body, String model, List<String> violations) {
        if (present(body, "style")) {
            // "This param is only supported for dall-e-3." (CreateImageRequest.style)
            violations.add("style: " + model + " does not take style (dall-e-3 only)");
        }
        if (present(body, "response_format")) {
            // "This parameter isn't supported for the GPT image models, which always return base64-encoded
            // images." (CreateImageRequest.response_format)
            violations.add("response_format: " + model + " does not take response_format (GPT image models always"
                    + " answer b64_json)");
        }
        String quality = text(body, "quality");
        if (quality != null && !GPT_IMAGE_QUALITIES.contains(quality)) {
            violations.add("quality: " + model + " takes low, medium, high or auto, not '" + quality + "'");
        }
        String size = text(body, "size");
        if (size != null) {
            if (isGptImage2(model)) {
                gptImage2Size(size, model, violations);
            } else if (!GPT_IMAGE_1_SIZES.contains(size)) {
                violations.add("size: " + model + " takes 1024x1024, 1536x1024, 1024x1536 or auto, not '" + size + "'");
            }
        }
        if (model.startsWith("gpt-image-1-mini") && present(body, "input_fidelity")) {
            violations.add("input_fidelity: " + model + " does not take input_fidelity");
        }
        promptLength(body, model, GPT_IMAGE_PROMPT, violations);
    }

    private static void gptImage2Size(String size, String model, List<String> violations) {
        if (size.equals("auto")) {
            return;
        }
        Matcher matcher = SIZE.matcher(size);
        if (!matcher.matches()) {
            violations.add("size: " + model + " takes 'auto' or WIDTHxHEIGHT, not '" + size + "'");
            return;
        }
        int width = Integer.parseInt(matcher.group(1));
        int height = Integer.parseInt(matcher.group(2));
        int longest = Math.max(width, height);
        int shortest = Math.min(width, height);
        long pixels = (long) width * height;
        if (width % GPT_IMAGE_2_STEP != 0 || height % GPT_IMAGE_2_STEP != 0) {
            violations.add("size: " + model + " needs both sides divisible by 16, not " + size);
        }
        if (longest > (long) GPT_IMAGE_2_MAX_ASPECT * shortest) {
            violations.add("size: " + model + " needs an aspect between 1:3 and 3:1, not " + size);
        }
        if (longest > GPT_IMAGE_2_LONGEST_SIDE) {
            violations.add("size: " + model + " takes sides up to 3840 pixels, not " + size);
        }
        if (pixels > GPT_IMAGE_2_MAX_PIXELS) {
            violations.add("size: " + model + " takes at most 3840x2160 pixels (8,294,400), not " + size);
        }
        if (pixels < GPT_IMAGE_2_MIN_PIXELS) {
            violations.add("size: " + model + " takes at least 655,360 pixels (e.g. 1024x640), not " + size);
        }
    }

    private static void dallE(JsonNode body, String model, Set<String> sizes, Set<String> qualities, int promptLimit,
            List<String> violations) {
        String size = text(body, "size");
        if (size != null && !sizes.contains(size)) {
            violations.add("size: " + model + " takes " + String.join(", ", sorted(sizes)) + ", not '" + size + "'");
        }
        String quality = text(body, "quality");
        if (quality != null && !qualities.contains(quality)) {
            violations.add("quality: " + model + " takes " + String.join(" or ", sorted(qualities)) + ", not '"
                    + quality + "'");
        }
        for (String field : GPT_IMAGE_ONLY) {
            if (present(body, field)) {
                violations.add(field + ": only the GPT image models take it, not " + model);
            }
        }
        promptLength(body, model, promptLimit, violations);
    }

    private static void promptLength(JsonNode body, String model, int limit, List<String> violations) {
        String prompt = text(body, "prompt");
        if (prompt != null && prompt.length() > limit) {
            violations.add("prompt: " + model + " takes up to " + limit + " characters, was " + prompt.length());
        }
    }

    static List<String> speech(JsonNode body) {
        List<String> violations = new ArrayList<>();
        String model = text(body, "model");
        if (model == null || !(model.equals("tts-1") || model.equals("tts-1-hd"))) {
            return violations;
        }
        if (present(body, "instructions")) {
            // "Control the voice of your generated audio with additional instructions. Does not work with
            // tts-1 or tts-1-hd." (CreateSpeechRequest.instructions)
            violations.add("instructions: " + model + " does not take instructions (gpt-4o-mini-tts does)");
        }
        if ("sse".equals(text(body, "stream_format"))) {
            // "sse is not supported for tts-1 or tts-1-hd." (CreateSpeechRequest.stream_format)
            violations.add("stream_format: " + model + " does not stream sse");
        }
        return violations;
    }

    static List<String> chat(JsonNode body) {
        List<String> violations = new ArrayList<>();
        String model = text(body, "model");
        if (model != null && present(body, "max_tokens") && refusesMaxTokens(model)) {
            // "This value is now deprecated in favor of max_completion_tokens, and is not compatible with
            // o-series models." (CreateChatCompletionRequest.max_tokens). The gpt-5 family refuses it too:
            // "Unsupported parameter: 'max_tokens' is not supported with this model. Use
            // 'max_completion_tokens' instead." (softwaremill/sttp-ai#490, ChatGPTBox-dev/chatGPTBox#908).
            // Other models still take it, deprecated, so it is no violation there.
            violations.add("max_tokens: " + model + " refuses max_tokens; send max_completion_tokens");
        }
        return violations;
    }

    static boolean isGptImage(String model) {
        return model.startsWith("gpt-image") || model.startsWith("chatgpt-image");
    }

    /** gpt-image-2 and its dated snapshots (gpt-image-2-2026-04-21), not a later gpt-image-2.x. */
    static boolean isGptImage2(String model) {
        return model.equals("gpt-image-2") || model.startsWith("gpt-image-2-");
    }

    /** Reasoning models: o1, o3, o4-mini and their snapshots; gpt-5 and its variants. */
    private static boolean refusesMaxTokens(String model) {
        return model.matches("o[0-9].*") || model.startsWith("gpt-5");
    }

    private static boolean present(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
