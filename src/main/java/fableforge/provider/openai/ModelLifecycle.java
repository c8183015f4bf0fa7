package fableforge.provider.openai;

import fableforge.provider.ProviderException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keeps the configured OpenAI models alive across OpenAI's retirements: at start-up and once a day it
 * reads {@code GET /models}, resolves {@code auto} to the first preferred model listed with no shutdown
 * near, and finds every model in use that is not listed (start-up stops, naming the variable and what
 * is available) or shuts down within the warning window (logged, in {@code /health}, a banner in the UI).
 */
public final class ModelLifecycle {

    public static final String AUTO = "auto";

    private final ModelCatalog catalog;
    private final ModelTable table;
    private final Clock clock;

    /** A kind of model the configuration uses: its variable, what it says, and which models of that kind are candidates. */
    public record Wanted(String kind, String variable, String configured, List<String> preference, Predicate<String> ofKind,
                         boolean required) {
    }

    /** The model chosen for a {@link Wanted}, and its announced shutdown. */
    public record InUse(String kind, String variable, String configured, String model, Optional<LocalDate> shutdownDate) {
    }

    /** A model in use that OpenAI shuts down soon: what to tell the operator. */
    public record Notice(String kind, String variable, String model, LocalDate shutdownDate, long daysLeft) {
        public String message() {
            return model + " (" + variable + ") shuts down on " + shutdownDate + ", in " + daysLeft + " day" + (daysLeft == 1 ? "" : "s")
                    + ": set " + variable + " to a current model" + (variable.endsWith("IMAGE_MODEL") ? "" : " or to auto");
        }
    }

    /**
     * The outcome of one check.
     *
     * @param problems  models that cannot be used (start-up stops on these)
     * @param warnings  what the operator should know but need not act on at once
     */
    public record Check(List<InUse> inUse, List<Notice> notices, List<String> problems, List<String> warnings, boolean listed,
                        java.time.Instant checkedAt) {

        public Optional<String> model(String kind) {
            return inUse.stream().filter(use -> use.kind().equals(kind)).map(InUse::model).findFirst();
        }
    }

    public ModelLifecycle(ModelCatalog catalog, ModelTable table, Clock clock) {
        this.catalog = catalog;
        this.table = table;
        this.clock = clock;
    }

    public ModelTable table() {
        return table;
    }

    public Check check(List<Wanted> wanted) {
        ModelCatalog.Listing listing;
        try {
            listing = catalog.list();
        } catch (ProviderException e) {
            return new Check(List.of(), List.of(), List.of("OPENAI_API_KEY: " + e.error().message()), List.of(), false, clock.instant());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<InUse> inUse = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!listing.available()) {
            warnings.add(listing.unavailableBecause() + ": an OpenAI-compatible server without a model list is used as configured"
                    + " (auto picks the first preferred model), and model shutdowns cannot be announced");
        }
        for (Wanted want : wanted) {
            Optional<InUse> use = listing.models().isEmpty()
                    ? Optional.of(new InUse(want.kind(), want.variable(), want.configured(), unlisted(want), Optional.empty()))
                    : resolve(want, listing.models().get(), today, problems, warnings);
            use.ifPresent(chosen -> {
                inUse.add(chosen);
                chosen.shutdownDate().ifPresent(date -> {
                    long days = ChronoUnit.DAYS.between(today, date);
                    if (days <= table.shutdownWarningDays()) {
                        notices.add(new Notice(chosen.kind(), chosen.variable(), chosen.model(), date, Math.max(0, days)));
                    }
                });
            });
        }
        return new Check(List.copyOf(inUse), List.copyOf(notices), List.copyOf(problems), List.copyOf(warnings), listing.available(),
                clock.instant());
    }

    private static String unlisted(Wanted want) {
        return want.configured().equalsIgnoreCase(AUTO) ? want.preference().stream().findFirst().orElse(AUTO) : want.configured();
    }

    private Optional<InUse> resolve(Wanted want, Map<String, ModelCatalog.Listed> listed, LocalDate today, List<String> problems,
                                    List<String> warnings) {
        if (!want.configured().equalsIgnoreCase(AUTO)) {
            ModelCatalog.Listed model = listed.get(want.configured());
            if (model == null) {
                String problem = want.variable() + "=" + want.configured() + ": this model is retired or not available to this key;"
                        + " available " + want.kind() + " models: " + available(want, listed);
                (want.required() ? problems : warnings).add(problem);
                return Optional.empty();
            }
            return Optional.of(new InUse(want.kind(), want.variable(), want.configured(), model.id(), model.shutdownDate()));
        }
        Optional<ModelCatalog.Listed> healthy = want.preference().stream().map(listed::get).filter(java.util.Objects::nonNull)
                .filter(model -> model.shutdownDate().map(date -> ChronoUnit.DAYS.between(today, date) > table.shutdownWarningDays())
                        .orElse(true))
                .findFirst();
        Optional<ModelCatalog.Listed> any = healthy.or(() -> want.preference().stream().map(listed::get)
                .filter(java.util.Objects::nonNull).findFirst());
        if (any.isEmpty()) {
            String problem = want.variable() + "=auto: none of " + String.join(", ", want.preference()) + " is available to this key;"
                    + " set " + want.variable() + " to one of: " + available(want, listed);
            (want.required() ? problems : warnings).add(problem);
            return Optional.empty();
        }
        return Optional.of(new InUse(want.kind(), want.variable(), AUTO, any.get().id(), any.get().shutdownDate()));
    }

    private static String available(Wanted want, Map<String, ModelCatalog.Listed> listed) {
        List<String> ofKind = listed.keySet().stream().filter(want.ofKind()).sorted().toList();
        return ofKind.isEmpty() ? "none listed" : String.join(", ", ofKind);
    }
}
