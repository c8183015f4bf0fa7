package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * OpenAI text-to-speech on loopback ({@code POST /v1/audio/speech}): checks the key and the request
 * the way the API does (model, input of at most 4096 characters, a known voice, a known format) and
 * answers a spoken-length WAV (a tone, 1/15 s per character at 24 kHz, as OpenAI's WAV answers are
 * 24 kHz mono), or OpenAI's error body.
 */
public final class FakeOpenAiSpeech implements AutoCloseable {

    public static final String KEY = "sk-test-speech";
    public static final double SECONDS_PER_CHARACTER = 1 / 15.0;
    private static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer");
    private static final Set<String> FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FakeServer server = new FakeServer();

    private final FakeOpenAiModels models = new FakeOpenAiModels();
    private final java.util.List<JsonNode> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What {@code GET /v1/models} lists (today's models by default). */
    public FakeOpenAiModels models() {
        return models;
    }

    private final java.util.List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Requests the official spec (../shared/openai-contract.json) refuses; a correct adapter leaves this empty. */
    public java.util.List<String> violations() {
        return java.util.List.copyOf(violations);
    }

    /** The JSON bodies of the speech calls, in order. */
    public java.util.List<JsonNode> bodies() {
        return java.util.List.copyOf(bodies);
    }

    public FakeOpenAiSpeech() {
        server.on("POST", "/v1/audio/speech", this::speak);
        models.serveOn(server, () -> KEY);
    }

    public String baseUrl() {
        return server.url() + "/v1";
    }

    public FakeServer server() {
        return server;
    }

    private FakeServer.Reply speak(FakeServer.Recorded request) {
        if (!("Bearer " + KEY).equals(request.header("authorization"))) {
            return error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        }
        if (request.header("content-type") == null || !request.header("content-type").startsWith("application/json")) {
            return error(400, "Content-Type must be application/json", "invalid_request_error", null);
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return error(400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
        }
        bodies.add(body);
        java.util.List<String> offSpec = fableforge.fake.contract.OpenAiContract.shared()
                .map(contract -> contract.check("audio/speech", body)).orElse(java.util.List.of());
        if (!offSpec.isEmpty()) {
            violations.add(offSpec.get(0));
            return error(400, "Invalid request (against OpenAI's spec): " + offSpec.get(0).replace("\"", "'"), "invalid_request_error", null);
        }
        String input = body.path("input").asText("");
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return error(400, "you must provide a model parameter", "invalid_request_error", null);
        }
        String model = body.path("model").asText();
        if (models.listed().stream().noneMatch(listed -> listed.id().equals(model))) {
            return FakeOpenAiModels.modelNotFound(model);
        }
        // CreateSpeechRequest: "instructions ... Does not work with tts-1 or tts-1-hd."
        if (body.has("instructions") && model.startsWith("tts-1")) {
            return error(400, "Unknown parameter: 'instructions' (not supported by " + model + ").", "invalid_request_error", null);
        }
        if (input.isBlank() || input.length() > 4096) {
            return error(400, "input must be 1 to 4096 characters", "invalid_request_error", null);
        }
        if (!VOICES.contains(body.path("voice").asText())) {
            return error(400, "Invalid value for 'voice'.", "invalid_request_error", null);
        }
        String format = body.path("response_format").asText("mp3");
        if (!FORMATS.contains(format)) {
            return error(400, "Invalid value for 'response_format'.", "invalid_request_error", null);
        }
        if (!format.equals("wav")) {
            return error(400, "this fake only speaks WAV; the adapter should ask for it", "invalid_request_error", null);
        }
        return FakeServer.Reply.bytes(200, "audio/wav", wavTone(input.length() * SECONDS_PER_CHARACTER, 24_000));
    }

    public static FakeServer.Reply error(int status, String message, String type, String code) {
        String json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
        return FakeServer.Reply.json(status, json);
    }

    /** A 440 Hz tone as a 16-bit mono WAV file. */
    public static byte[] wavTone(double seconds, int sampleRate) {
        int samples = (int) Math.round(seconds * sampleRate);
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 12_000));
        }
        return wav.array();
    }

    @Override
    public void close() {
        server.close();
    }
}
