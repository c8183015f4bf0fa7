package fableforge.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Reply;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Optional;

/** What {@link FakeGemini} answers, shaped as the Gemini API answers: images, safety stops, text, errors and failures. */
final class GeminiReplies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GeminiReplies() {
    }

    /** 200 with one PNG at the model's size for the asked aspect ratio, and its usage. */
    static Reply image(GeminiRequests.Asked call, FakeGemini.Model model, String modelName, String responseId) {
        String size = model.sizes().get(Optional.ofNullable(call.aspectRatio).orElse("1:1"));
        ObjectNode answer = MAPPER.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().putObject("inlineData").put("mimeType", "image/png")
                .put("data", Base64.getEncoder().encodeToString(png(size)));
        content.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        usage(answer, call, model.imageTokens());
        answer.put("modelVersion", modelName).put("responseId", responseId);
        return Reply.json(200, answer.toString());
    }

    /** 200 with finishReason IMAGE_SAFETY and no image, as the image safety filter answers. */
    static Reply imageSafety(GeminiRequests.Asked call) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.putArray("candidates").addObject().put("finishReason", "IMAGE_SAFETY").put("index", 0);
        usage(answer, call, 0);
        return Reply.json(200, answer.toString());
    }

    /** The failure a scripted answer stands for, in Google's words and error shape. */
    static Reply failure(FakeGemini.Answer answer, String model) {
        return switch (answer.kind()) {
            case RATE_LIMITED -> {
                ArrayNode details = MAPPER.createArrayNode();
                ObjectNode quota = details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
                quota.putArray("violations").addObject()
                        .put("quotaMetric", "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count")
                        .put("quotaId", "GenerateContentPaidTierInputTokensPerModelPerMinute")
                        .putObject("quotaDimensions").put("model", model).put("location", "global");
                if (answer.retryDelay() != null) {
                    details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", answer.retryDelay());
                }
                yield error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. "
                        + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", details);
            }
            case INTERNAL -> error(500, "INTERNAL", "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting", MAPPER.createArrayNode());
            case UNAVAILABLE -> error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", MAPPER.createArrayNode());
            case PROMPT_BLOCKED -> {
                ObjectNode blocked = MAPPER.createObjectNode();
                blocked.putObject("promptFeedback").put("blockReason", "PROHIBITED_CONTENT");
                blocked.putObject("usageMetadata").put("promptTokenCount", 40).put("totalTokenCount", 40);
                yield Reply.json(200, blocked.toString());
            }
            case TEXT_ONLY -> textOnly("I can't draw that, but here is a story about it.", null);
        };
    }

    static Reply textOnly(String text, GeminiRequests.Asked call) {
        ObjectNode answer = MAPPER.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        candidate.put("finishReason", "STOP").put("index", 0);
        answer.putObject("usageMetadata").put("promptTokenCount", call == null ? 40 : promptTokens(call)).put("candidatesTokenCount", 12);
        return Reply.json(200, answer.toString());
    }

    /** Counts like the API: text by words here, 258 tokens per input image of up to 384 px a side and more for larger ones. */
    private static void usage(ObjectNode answer, GeminiRequests.Asked call, int imageTokens) {
        int prompt = promptTokens(call);
        ObjectNode usage = answer.putObject("usageMetadata").put("promptTokenCount", prompt).put("totalTokenCount", prompt + imageTokens);
        if (imageTokens > 0) {
            usage.put("candidatesTokenCount", imageTokens);
            usage.putArray("candidatesTokensDetails").addObject().put("modality", "IMAGE").put("tokenCount", imageTokens);
        }
    }

    private static int promptTokens(GeminiRequests.Asked call) {
        int words = call.texts.stream().mapToInt(text -> text.split("\\s+").length).sum();
        return words + 258 * call.images.size();
    }

    static Reply error(int code, String status, String message, ArrayNode details) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message).put("status", status);
        if (!details.isEmpty()) {
            error.set("details", details);
        }
        return Reply.json(code, body.toPrettyString());
    }

    private static byte[] png(String size) {
        String[] sides = size.split("x");
        BufferedImage image = new BufferedImage(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x3F7F5F));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        return fableforge.TestPngs.encode(image);
    }
}
