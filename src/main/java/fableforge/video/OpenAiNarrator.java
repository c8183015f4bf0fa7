package fableforge.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.openai.OpenAiErrors;
import fableforge.spend.Charge;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.story.Scene;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Narration by OpenAI text-to-speech ({@code POST {base}/audio/speech}), or any server speaking that
 * API. Asks for WAV (no lossy step before our own AAC encode) but decodes whatever audio comes back,
 * so a compatible server that only answers MP3 works too. Each spoken scene is charged per
 * character, the unit OpenAI prices TTS models in.
 */
public final class OpenAiNarrator implements Narrator, Monitored {

    /**
     * How the voice should read, for speech models that take {@code instructions} (gpt-4o-mini-tts;
     * tts-1 and tts-1-hd do not, per OpenAI's CreateSpeechRequest).
     */
    static final String STORYTELLER = "Read like a warm, expressive storyteller telling an animal adventure aloud: clear and unhurried,"
            + " rising with excitement in the action, hushed and tender in the quiet moments, with a short pause between sentences.";
    /** The API's limit on {@code input}. */
    static final int MAX_INPUT_CHARACTERS = 4096;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ProviderHttp http;
    private final URI baseUrl;
    private final Optional<String> apiKey;
    private final String model;
    private final String voice;
    private final boolean takesInstructions;
    private final Duration timeout;
    private final SpendMeter meter;
    private final PriceTable prices;
    private final Clock clock;

    /** @param takesInstructions whether {@code model} reads {@code instructions} (from the model table) */
    public OpenAiNarrator(URI baseUrl, Optional<String> apiKey, String model, String voice, boolean takesInstructions, Duration timeout,
                          SpendMeter meter, PriceTable prices, Clock clock) {
        this.http = new ProviderHttp("OpenAI text-to-speech", clock);
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.model = model;
        this.voice = voice;
        this.takesInstructions = takesInstructions;
        this.timeout = timeout;
        this.meter = meter;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return http.lastCall();
    }

    @Override
    public Optional<float[]> narrate(String storyId, Scene scene) throws ProviderException {
        String input = scene.narration().strip();
        if (input.length() > MAX_INPUT_CHARACTERS) {
            throw new ProviderException(new ProviderError.BadRequest("scene " + scene.number() + " is " + input.length()
                    + " characters; text-to-speech reads at most " + MAX_INPUT_CHARACTERS));
        }
        ObjectNode body = MAPPER.createObjectNode()
                .put("model", model)
                .put("input", input)
                .put("voice", voice)
                .put("response_format", "wav");
        if (takesInstructions) {
            body.put("instructions", STORYTELLER);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<byte[]> response = http.send(request.build(), timeout);
        if (response.statusCode() != 200) {
            throw new ProviderException(OpenAiErrors.classify(response, clock, new OpenAiErrors.ModelSetting("OPENAI_TTS_MODEL", model)));
        }
        float[] samples;
        try {
            samples = Audio.decode(response.body());
        } catch (IOException e) {
            throw new ProviderException(new ProviderError.Transient("OpenAI text-to-speech answered something that is not audio ("
                    + response.body().length + " bytes, " + response.headers().firstValue("content-type").orElse("no content type") + ")"), e);
        }
        meter.record(new Charge(storyId, "narration", "openai", model, input.length() + " characters",
                prices.unit("speech", model).map(perCharacter -> perCharacter.multiply(BigDecimal.valueOf(input.length())))));
        return Optional.of(samples);
    }
}
