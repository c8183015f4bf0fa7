package fableforge.image;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.SimulatedConditions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image generator slowed down and made flaky on purpose (OFFLINE_LATENCY_MS, OFFLINE_FAILURE_RATE),
 * with a content policy of its own (OFFLINE_REFUSED_WORDS): a prompt holding one of the refused words
 * is refused the way OpenAI refuses one, so the escalation to a sanitized, shorter prompt can be seen offline.
 */
public final class SimulatedImageGenerator implements ImageGenerator {

    /** The wording of OpenAI's image refusals (400 content_policy_violation). */
    static final String REFUSAL = "Your request was rejected as a result of our safety system. "
            + "Your prompt may contain text that is not allowed by our safety system.";

    private final ImageGenerator delegate;
    private final SimulatedConditions conditions;
    private final Optional<Pattern> refused;

    public SimulatedImageGenerator(ImageGenerator delegate, SimulatedConditions conditions) {
        this(delegate, conditions, List.of());
    }

    /** @param refusedWords words or phrases refused as whole words, case-insensitive */
    public SimulatedImageGenerator(ImageGenerator delegate, SimulatedConditions conditions, List<String> refusedWords) {
        this.delegate = delegate;
        this.conditions = conditions;
        this.refused = refusedWords.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(
                "(?<![\\p{L}\\p{N}])(" + String.join("|", refusedWords.stream().map(Pattern::quote).toList()) + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    @Override
    public GeneratedImage generate(ImageRequest request) throws ProviderException {
        conditions.apply("image " + request.sceneNumber());
        Optional<String> word = refusedWord(request.prompt());
        if (word.isPresent()) {
            throw new ProviderException(new ProviderError.PolicyRefusal("The image service refused the prompt (content policy): "
                    + REFUSAL + " [simulated: the prompt contains \"" + word.get() + "\", listed in OFFLINE_REFUSED_WORDS]"));
        }
        return delegate.generate(request);
    }

    private Optional<String> refusedWord(String prompt) {
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = refused.get().matcher(prompt);
        return matcher.find() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public java.util.Optional<java.awt.Rectangle> pictureArea(int width, int height) {
        return delegate.pictureArea(width, height);
    }
}
