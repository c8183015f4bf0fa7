package fableforge.provider.call;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The node's meters of provider calls: one Micrometer timer per provider, operation and
 * {@link CallOutcome}, shown by {@code GET /metrics} as {@code fableforge_provider_calls_seconds}.
 * Provider and operation are short names fixed in code ({@code openai}, {@code image}), checked here:
 * a story id, a URL or a model name in a label would make a new series per value, so they are refused.
 */
public final class ProviderMeters {

    public static final String METER = "fableforge.provider.calls";
    /** What a provider or operation label may look like: a word, never a path, an id or a model. */
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,23}");

    /** Where nobody watches (the command line, most tests): every meter is {@link CallMeter#NONE}. */
    public static final ProviderMeters NONE = new ProviderMeters(Optional.empty());

    private final Optional<MeterRegistry> registry;

    private ProviderMeters(Optional<MeterRegistry> registry) {
        this.registry = registry;
    }

    public ProviderMeters(MeterRegistry registry) {
        this(Optional.of(registry));
    }

    /**
     * The meter of one operation of one provider. An outcome's series appears when it first happens
     * (a provider that never timed out shows no timeout series), so a node shows few series beyond its
     * {@code ok} ones.
     *
     * @throws IllegalArgumentException when a label is not a short lower-case word
     */
    public CallMeter of(String provider, String operation) {
        if (registry.isEmpty()) {
            return CallMeter.NONE;
        }
        String providerLabel = checked(provider);
        String operationLabel = checked(operation);
        MeterRegistry meters = registry.get();
        Map<CallOutcome, Timer> timers = new ConcurrentHashMap<>();
        return (outcome, tookNanos) -> timers.computeIfAbsent(outcome, first -> Timer.builder(METER)
                        .description("Tries of provider calls by provider, operation and outcome, and the time they took")
                        .tags("provider", providerLabel, "operation", operationLabel, "outcome", first.label())
                        .register(meters))
                .record(Math.max(0, tookNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * The provider label of an adapter's name: {@code openai:gpt-image-1} is {@code openai} (the model
     * changes with configuration; the provider is what an operator looks up), {@code google-sheets} is
     * {@code google_sheets}.
     */
    public static String providerOf(String adapterName) {
        int colon = adapterName.indexOf(':');
        String provider = colon < 0 ? adapterName : adapterName.substring(0, colon);
        return provider.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static String checked(String label) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a provider metric label is a short lower-case word, was '" + label + "'");
        }
        return label;
    }
}
