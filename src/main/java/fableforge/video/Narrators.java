package fableforge.video;

import fableforge.provider.openai.OpenAiSettings;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The narrators this configuration offers and the one a user chooses: {@code none}, {@code local}
 * (espeak-ng or espeak on PATH) or {@code openai} (text-to-speech, charged to the caller's meter).
 */
public final class Narrators {

    private final OpenAiSettings openAi;
    private final SpeechSettings speech;
    private final PriceTable prices;
    private final Clock clock;
    private final boolean localSpeech;

    public Narrators(OpenAiSettings openAi, SpeechSettings speech, PriceTable prices, Clock clock) {
        this(openAi, speech, prices, clock, EspeakNarrator.onPath().isPresent());
    }

    /** @param localSpeech whether a local speech engine (espeak-ng or espeak) is on PATH */
    Narrators(OpenAiSettings openAi, SpeechSettings speech, PriceTable prices, Clock clock, boolean localSpeech) {
        this.openAi = openAi;
        this.speech = speech;
        this.prices = prices;
        this.clock = clock;
        this.localSpeech = localSpeech;
    }

    /** The narrations that can be chosen here, {@code none} first. */
    public List<String> available() {
        List<String> available = new ArrayList<>(List.of("none"));
        if (localSpeech) {
            available.add("local");
        }
        if (openAi.usable()) {
            available.add("openai");
        }
        return List.copyOf(available);
    }

    /** The speech model OpenAI narration is charged for. */
    public String speechModel() {
        return speech.model();
    }

    /**
     * The narrator the user chose, paid speech charged to {@code meter}.
     *
     * @throws IllegalStateException    when the chosen narrator cannot run here (the message says what to install or set)
     * @throws IllegalArgumentException when {@code choice} is none of the three
     */
    public Narrator narrator(String choice, SpendMeter meter) {
        return switch (choice) {
            case "none" -> Narrator.NONE;
            case "local" -> EspeakNarrator.onPath().orElseThrow(() -> new IllegalStateException(
                    "no local speech engine: install espeak-ng (apt-get install espeak-ng) or choose another narration"));
            case "openai" -> {
                if (!openAi.usable()) {
                    throw new IllegalStateException("narration by OpenAI needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server)");
                }
                yield new OpenAiNarrator(openAi.baseUrl(), openAi.apiKey(), speech.model(), speech.voice(),
                        openAi.models().speechTakesInstructions(speech.model()), openAi.timeout(), meter, prices, clock);
            }
            default -> throw new IllegalArgumentException("narration must be none, local or openai, not " + choice);
        };
    }
}
