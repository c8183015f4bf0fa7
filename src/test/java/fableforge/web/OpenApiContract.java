package fableforge.web;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * web/openapi.yaml as a validator of real answers: Atlassian's swagger-request-validator matches the
 * path and status to the operation and checks the body against its schema (so an undeclared field fails
 * where the schema says additionalProperties: false); event payloads are checked against the component
 * schema named like the event.
 */
final class OpenApiContract {

    private final OpenApiInteractionValidator validator;
    private final OpenAPI api;
    private final SchemaValidator schemas;

    OpenApiContract() {
        String spec = spec();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.api = new OpenAPIV3Parser().readContents(spec, null, options).getOpenAPI();
        this.schemas = new SchemaValidator(api, new MessageResolver());
    }

    /** The problems of this answer to {@code method path} against the document; empty when it conforms. */
    List<String> problemsOf(String method, String path, int status, String body) {
        SimpleResponse response = SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build();
        String withoutQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return messages(validator.validateResponse(withoutQuery, Request.Method.valueOf(method), response));
    }

    /** The problems of an event's data against the schema named like the event; a name without a schema is a problem too. */
    List<String> problemsOfEvent(String name, String data) {
        Schema<?> schema = api.getComponents().getSchemas().get(name);
        if (schema == null) {
            return List.of("no schema for the event " + name + " in components.schemas");
        }
        return messages(schemas.validate(data, schema, "event." + name));
    }

    /** The event names the document lists (EventPayloads). */
    List<String> eventNames() {
        return api.getComponents().getSchemas().get("EventPayloads").getEnum().stream().map(String::valueOf).toList();
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage() + " " + message.getNestedMessages())
                .toList();
    }

    private static String spec() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/web/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
