package fableforge.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The models a key may use, from {@code GET {base}/models}: {@code {object: "list", data: [{id, object:
 * "model", created, owned_by, shutdown_date}]}} with {@code shutdown_date} a {@code YYYY-MM-DD} or null
 * (OpenAI's official spec, {@code Model} schema; OpenAI advises watching it programmatically).
 */
public final class ModelCatalog {

    private final URI baseUrl;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final ProviderHttp http;
    private final Clock clock;

    /** A listed model and the day OpenAI shuts it down, when announced. */
    public record Listed(String id, Optional<LocalDate> shutdownDate) {
    }

    /**
     * What the server answered: its models, or why it has no list (an OpenAI-compatible server without
     * the endpoint, or one that could not be reached), which is tolerated with a warning.
     */
    public record Listing(Optional<Map<String, Listed>> models, String unavailableBecause) {

        static Listing of(Map<String, Listed> models) {
            return new Listing(Optional.of(Map.copyOf(models)), "");
        }

        static Listing unavailable(String why) {
            return new Listing(Optional.empty(), why);
        }

        public boolean available() {
            return models.isPresent();
        }
    }

    public ModelCatalog(URI baseUrl, Optional<String> apiKey, Duration timeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = new ProviderHttp("openai", clock);
        this.clock = clock;
    }

    /**
     * The listing; a 404 or an unreachable server gives an unavailable listing.
     *
     * @throws ProviderException when the key is refused (401/403): a configuration error to stop on
     */
    public Listing list() throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/models")).GET();
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), timeout);
        } catch (ProviderException e) {
            return Listing.unavailable("GET " + baseUrl + "/models failed: " + e.error().message());
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ProviderException(OpenAiErrors.classify(response, clock));
        }
        if (response.statusCode() != 200) {
            return Listing.unavailable("GET " + baseUrl + "/models answered HTTP " + response.statusCode());
        }
        JsonNode data = OpenAiErrors.parse(response.body()).path("data");
        if (!data.isArray()) {
            return Listing.unavailable("GET " + baseUrl + "/models answered no data list");
        }
        Map<String, Listed> models = new LinkedHashMap<>();
        for (JsonNode model : data) {
            String id = model.path("id").asText("");
            if (!id.isEmpty()) {
                models.put(id, new Listed(id, date(model.path("shutdown_date"))));
            }
        }
        return Listing.of(models);
    }

    private static Optional<LocalDate> date(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.asText().strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
