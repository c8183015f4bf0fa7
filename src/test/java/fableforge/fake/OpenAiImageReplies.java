package fableforge.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Reply;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** What {@link FakeOpenAiImages} answers, worded and shaped as OpenAI's image API answers it: images, errors, failures. */
final class OpenAiImageReplies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Output tokens of a 1024x1024 image per quality (gpt-image-1's published counts), scaled by area. */
    private static final Map<String, Integer> OUTPUT_TOKENS_1024 = Map.of("low", 272, "medium", 1_056, "high", 4_160, "auto", 1_056);
    private static final Map<String, byte[]> PNGS = new ConcurrentHashMap<>();

    private OpenAiImageReplies() {
    }

    /** 400 {@code moderation_blocked}, as the safety system refuses a prompt. */
    static Reply refusedBySafety() {
        return error(400, "moderation_blocked", "image_generation_user_error", "Your request was rejected by the safety system. "
                + "If you believe this is an error, contact us at help.openai.com and include the request ID req_fake.");
    }

    /**
     * 200 with one image of the asked size and quality: its bytes as {@code b64_json}, or the link {@code link}
     * answers for them; {@code usage} counted as the GPT image models count it, unless {@code withUsage} is false.
     */
    static Reply image(OpenAiImageRequests.Parsed request, Optional<Function<byte[], String>> link, boolean withUsage) {
        String prompt = request.fields().get("prompt");
        String size = request.fields().getOrDefault("size", "auto").replace("auto", "1024x1024");
        String quality = request.fields().getOrDefault("quality", "auto");
        byte[] png = png(size);
        ObjectNode answer = MAPPER.createObjectNode().put("created", 1_731_000_000L);
        ObjectNode image = answer.putArray("data").addObject();
        if (link.isPresent()) {
            image.put("url", link.get().apply(png));
        } else {
            image.put("b64_json", Base64.getEncoder().encodeToString(png));
        }
        String[] sides = size.split("x");
        long outputTokens = Math.round(OUTPUT_TOKENS_1024.get(quality) * Long.parseLong(sides[0]) * Long.parseLong(sides[1]) / 1_048_576.0);
        int textTokens = prompt.split("\\s+").length;
        int imageTokens = request.images().size() * 323;
        answer.put("background", "opaque").put("output_format", "png").put("quality", quality).put("size", size);
        if (withUsage) {
            answer.putObject("usage").put("input_tokens", textTokens + imageTokens).put("output_tokens", outputTokens)
                    .put("total_tokens", textTokens + imageTokens + outputTokens)
                    .putObject("input_tokens_details").put("text_tokens", textTokens).put("image_tokens", imageTokens);
        }
        return Reply.json(200, answer.toString());
    }

    /** The failure a scripted answer stands for, as OpenAI words it; {@code apiKey} for the answer that echoes it. */
    static Reply failure(OpenAiImagesAnswer answer, String apiKey) {
        return switch (answer.kind()) {
            case RATE_LIMITED -> {
                Reply reply = error(429, "rate_limit_exceeded", "requests", "Rate limit reached for images per minute in organization "
                        + "org-fake on images per min (ipm): Limit 5, Used 5, Requested 1. Please try again in "
                        + answer.pause().toMillis() + "ms.")
                        .withHeader("x-ratelimit-limit-requests", "5")
                        .withHeader("x-ratelimit-remaining-requests", "0");
                for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                    reply = reply.withHeader(header.getKey(), header.getValue());
                }
                yield reply;
            }
            case NO_CREDIT -> error(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check "
                    + "your plan and billing details. For more information on this error, read the docs: "
                    + "https://platform.openai.com/docs/guides/error-codes/api-errors.");
            case UNAUTHORIZED -> error(401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided: sk-...revoked.");
            case SERVER_ERROR -> error(500, null, "server_error", "The server had an error while processing your request. Sorry about that!");
            case MALFORMED -> Reply.json(200, "{\"created\": 1731000000, \"data\": [{\"b64_json\": \"iVBORw0K");
            case NOT_AN_IMAGE -> Reply.json(200, "{\"created\": 1731000000, \"data\": [{\"b64_json\": \""
                    + Base64.getEncoder().encodeToString("<html>gateway</html>".getBytes(StandardCharsets.UTF_8)) + "\"}]}");
            case ECHOES_KEY -> error(400, "invalid_value", "invalid_request_error", "Invalid value for 'size'.\nThe request was:\n"
                    + "  Authorization: Bearer " + apiKey + "\n  (a debugging proxy quoting what it was sent)");
            case OK -> throw new IllegalStateException("not a failure");
        };
    }

    /** A solid PNG of the requested size, made once per size (ImageIO keeps it a few kilobytes). */
    private static byte[] png(String size) {
        return PNGS.computeIfAbsent(size, key -> {
            String[] sides = key.split("x");
            BufferedImage image = new BufferedImage(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0xE8C07A));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0xB5532A));
            g.fillOval(image.getWidth() / 4, image.getHeight() / 3, image.getWidth() / 2, image.getHeight() / 3);
            g.dispose();
            return fableforge.TestPngs.encode(image);
        });
    }

    static Reply error(int status, String code, String type, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type).putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Reply.json(status, body.toString());
    }
}
