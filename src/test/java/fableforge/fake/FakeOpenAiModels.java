package fableforge.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's model lifecycle as of 2026-12-02, shared by the OpenAI fakes: {@code GET /v1/models} and
 * {@code GET /v1/models/{id}} with {@code shutdown_date} (official spec, {@code Model} schema), and the
 * retired models that every endpoint answers {@code 404 model_not_found}
 * ({@code ../shared/provider-contracts.md}, "Model lifecycle": dall-e-3 2026-05-12, gpt-image-1
 * 2026-10-23, gpt-image-1-mini / gpt-image-1.5 / chatgpt-image-latest 2026-12-01).
 */
public final class FakeOpenAiModels {

    public static final Set<String> RETIRED = Set.of("dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5",
            "chatgpt-image-latest");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A listed model and its announced shutdown ({@code YYYY-MM-DD}), or null. */
    public record Model(String id, String shutdownDate) {
    }

    /** What OpenAI lists today for a key with access to text, image and speech models. */
    public static List<Model> today() {
        return List.of(
                new Model("gpt-5.4-mini", null),
                new Model("gpt-5.4", null),
                new Model("gpt-5-mini", null),
                new Model("gpt-4.1-mini", "2027-01-14"),
                new Model("gpt-4.1", "2027-01-14"),
                new Model("gpt-4o-mini", "2027-01-14"),
                new Model("gpt-4o", "2027-01-14"),
                new Model("gpt-image-2", null),
                new Model("gpt-image-2-2026-04-21", null),
                new Model("gpt-4o-mini-tts", null),
                new Model("tts-1", null),
                new Model("tts-1-hd", null),
                new Model("text-embedding-3-small", null));
    }

    private volatile List<Model> listed = today();
    private volatile boolean endpoint = true;

    /** Replaces what {@code /v1/models} lists. */
    public FakeOpenAiModels list(List<Model> models) {
        this.listed = List.copyOf(models);
        return this;
    }

    /** {@code /v1/models} answers 404, as some OpenAI-compatible servers do. */
    public FakeOpenAiModels withoutEndpoint() {
        this.endpoint = false;
        return this;
    }

    public List<Model> listed() {
        return listed;
    }

    /** Serves the listing on {@code server} behind the same Bearer key check as the rest of the API. */
    public void serveOn(FakeServer server, java.util.function.Supplier<String> key) {
        server.on("GET", "/v1/models", request -> authorized(request, key.get()).orElseGet(this::listing));
        server.on("GET", "/v1/models/[^/]+", request -> authorized(request, key.get()).orElseGet(() -> one(request)));
    }

    /** The 404 OpenAI answers for a retired or unknown model, as its API reference shows it. */
    public static Reply modelNotFound(String model) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("message", "The model `" + model + "` does not exist or you do not have access to it.")
                .put("type", "invalid_request_error").putNull("param").put("code", "model_not_found");
        return Reply.json(404, body.toString());
    }

    private Reply listing() {
        if (!endpoint) {
            return Reply.json(404, "{\"detail\":\"Not Found\"}");
        }
        ObjectNode body = MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        listed.forEach(model -> entry(data.addObject(), model));
        return Reply.json(200, body.toString());
    }

    private Reply one(Recorded request) {
        String id = request.path().substring("/v1/models/".length());
        if (!endpoint) {
            return Reply.json(404, "{\"detail\":\"Not Found\"}");
        }
        return listed.stream().filter(model -> model.id().equals(id)).findFirst()
                .map(model -> Reply.json(200, entry(MAPPER.createObjectNode(), model).toString()))
                .orElseGet(() -> modelNotFound(id));
    }

    private static ObjectNode entry(ObjectNode node, Model model) {
        node.put("id", model.id()).put("object", "model").put("created", 1_745_000_000L).put("owned_by", "system");
        if (model.shutdownDate() == null) {
            node.putNull("shutdown_date");
        } else {
            node.put("shutdown_date", model.shutdownDate());
        }
        return node;
    }

    private static Optional<Reply> authorized(Recorded request, String key) {
        if (key == null || ("Bearer " + key).equals(request.header("authorization"))) {
            return Optional.empty();
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("message", "Incorrect API key provided.").put("type", "invalid_request_error").putNull("param")
                .put("code", "invalid_api_key");
        return Optional.of(Reply.json(401, body.toString()));
    }
}
