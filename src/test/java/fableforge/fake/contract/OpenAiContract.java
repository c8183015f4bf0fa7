package fableforge.fake.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * What OpenAI accepts, checked on what our adapters send: the request schemas of OpenAI's official
 * OpenAPI spec ({@code ../shared/openai-contract.json}, extracted from openai/openai-openapi) plus the
 * per-model rules its field descriptions state ({@link ModelRules}).
 *
 * <p>A fake loads it once and checks each request it is sent; every violation is a one-line message that
 * starts with the field it is about, e.g. {@code "size: gpt-image-2 needs both sides divisible by 16, not
 * 1080x1920"}. An empty list means OpenAI would take the request as far as its spec says.
 *
 * <pre>{@code
 * OpenAiContract contract = OpenAiContract.loadOrSkip();           // in a test: skips without ../shared
 * Optional<OpenAiContract> contract = OpenAiContract.shared();    // in a fake: empty without ../shared
 * List<String> wrong = contract.check("images/generations", body); // JSON endpoints
 * List<String> wrong = contract.imageEditViolations(formFields, imageParts); // multipart edits
 * }</pre>
 */
public final class OpenAiContract {

    /** Where the contract lies, from the project root (Maven's working directory for tests). */
    public static final Path LOCATION = Path.of("..", "shared", "openai-contract.json");

    static final String MISSING = "../shared/openai-contract.json not found: the OpenAI contract checks need the"
            + " shared folder beside the project";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> ROOT_BY_ENDPOINT = Map.of(
            "images/generations", "CreateImageRequest",
            "images/edits", "CreateImageEditRequest",
            "chat/completions", "CreateChatCompletionRequest",
            "audio/speech", "CreateSpeechRequest");
    private static final String EDIT_ROOT = "CreateImageEditRequest";

    private final String source;
    private final OpenApiSchemas schemas;
    private final Map<String, Schema> validators;

    private OpenAiContract(JsonNode contract) {
        this.source = contract.path("source").asText("unknown source");
        this.schemas = new OpenApiSchemas(contract);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Schema> byRoot = new LinkedHashMap<>();
        for (JsonNode root : contract.path("roots")) {
            byRoot.put(root.asText(), registry.getSchema(schemas.document(root.asText())));
        }
        this.validators = Collections.unmodifiableMap(byRoot);
        for (String root : ROOT_BY_ENDPOINT.values()) {
            if (!validators.containsKey(root)) {
                throw new IllegalArgumentException("the contract lacks the root schema " + root);
            }
        }
    }

    /** The contract from {@link #LOCATION}, or empty when the shared folder is not beside the project. */
    public static Optional<OpenAiContract> load() {
        return load(LOCATION);
    }

    /** The contract from a file, or empty when there is none; a file that is there but unreadable throws. */
    public static Optional<OpenAiContract> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OpenAiContract(MAPPER.readTree(file.toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAI contract " + file.toAbsolutePath(), e);
        }
    }

    /**
     * The contract from {@link #LOCATION}, read once per test JVM and shared (it is immutable, and the
     * validator's schemas are safe to use from several threads): what a fake should hold.
     */
    public static Optional<OpenAiContract> shared() {
        return Shared.CONTRACT;
    }

    /**
     * For a test, from a test method or {@code @BeforeEach}: the {@link #shared()} contract, or the test is
     * skipped (a JUnit assumption) saying the shared folder is missing. From {@code @BeforeAll} the whole
     * class would be skipped without a word in the report, so call it per test.
     */
    public static OpenAiContract loadOrSkip() {
        Assumptions.assumeTrue(Shared.CONTRACT.isPresent(), MISSING);
        return Shared.CONTRACT.orElseThrow();
    }

    private static final class Shared {
        static final Optional<OpenAiContract> CONTRACT = load();
    }

    /** Where the schemas came from, as the contract file says (spec repository, version, commit). */
    public String source() {
        return source;
    }

    /**
     * Schema and model rules for a JSON request to one of {@code "images/generations"},
     * {@code "images/edits"} (see also {@link #imageEditViolations}), {@code "chat/completions"},
     * {@code "audio/speech"} (paths below {@code /v1}).
     */
    public List<String> check(String endpoint, JsonNode body) {
        String root = ROOT_BY_ENDPOINT.get(endpoint);
        if (root == null) {
            throw new IllegalArgumentException("no contract for endpoint " + endpoint + "; known: "
                    + ROOT_BY_ENDPOINT.keySet());
        }
        List<String> violations = violations(root, body);
        violations.addAll(switch (endpoint) {
            case "images/generations" -> ModelRules.image(body, -1);
            case "images/edits" -> ModelRules.image(body, body.path("image").isArray() ? body.get("image").size() : 1);
            case "chat/completions" -> ModelRules.chat(body);
            case "audio/speech" -> ModelRules.speech(body);
            default -> throw new IllegalStateException(endpoint);
        });
        return violations;
    }

    /**
     * The request against one root schema of the contract alone (no model rules): what the JSON Schema says,
     * and every top-level property the schema does not declare, which OpenAI refuses with 400 "Unknown
     * parameter: 'x'" even where the schema leaves additionalProperties open.
     */
    public List<String> violations(String rootSchema, JsonNode request) {
        Schema schema = validators.get(rootSchema);
        if (schema == null) {
            throw new IllegalArgumentException("no root schema " + rootSchema + "; the contract has "
                    + validators.keySet());
        }
        List<String> violations = new ArrayList<>();
        if (request.isObject()) {
            Set<String> declared = schemas.declaredProperties(rootSchema);
            request.fieldNames().forEachRemaining(name -> {
                if (!declared.contains(name)) {
                    violations.add(name + ": unknown parameter (OpenAI answers 400 \"Unknown parameter: '" + name
                            + "'\")");
                }
            });
        }
        // Our own check above already names each undeclared top-level property once.
        List<Error> errors = schema.validate(request).stream()
                .filter(error -> !(error.getKeyword().equals("additionalProperties")
                        && error.getInstanceLocation().getNameCount() == 0))
                .toList();
        violations.addAll(SchemaMessages.describe(errors));
        return violations;
    }

    /**
     * A multipart {@code POST /v1/images/edits}: its text fields (name to values, as sent) and the number of
     * {@code image[]} file parts, checked as the JSON object they stand for against CreateImageEditRequest
     * and the model rules. A field the schema types as integer, number or boolean is converted when it
     * parses; the image parts become {@code image: [binary, …]} (the schema allows 16). Other file parts
     * (a mask) are not counted.
     */
    public List<String> imageEditViolations(Map<String, List<String>> formFields, int imageParts) {
        List<String> violations = new ArrayList<>();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        formFields.forEach((name, values) -> {
            if (values.size() > 1) {
                violations.add(name + ": sent " + values.size() + " times, OpenAI reads one value");
            }
            if (!values.isEmpty()) {
                body.set(name, formValue(name, values.get(0)));
            }
        });
        if (imageParts > 0) {
            var images = body.putArray("image");
            for (int i = 0; i < imageParts; i++) {
                images.add("<binary image part " + (i + 1) + ">");
            }
        }
        violations.addAll(check("images/edits", body));
        return violations;
    }

    private JsonNode formValue(String name, String value) {
        Set<String> types = schemas.propertyTypes(EDIT_ROOT, name);
        JsonNodeFactory json = JsonNodeFactory.instance;
        try {
            if (types.contains("integer") && value.matches("-?[0-9]{1,18}")) {
                return json.numberNode(Long.parseLong(value));
            }
            if (types.contains("number")) {
                return json.numberNode(Double.parseDouble(value));
            }
        } catch (NumberFormatException notANumber) {
            // Left as the string it was: the schema then names the field's wrong type.
        }
        if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
            return json.booleanNode(Boolean.parseBoolean(value));
        }
        return json.textNode(value);
    }
}
