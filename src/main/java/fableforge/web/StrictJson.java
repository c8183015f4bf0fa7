package fableforge.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import fableforge.wire.MustBe;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.RecordComponent;
import java.util.Locale;

/**
 * The one way a JSON request body is read. A body is accepted only when it is sent as
 * {@code application/json} (so a cross-site HTML form, which can only send form encodings or
 * {@code text/plain}, never reaches an endpoint), in UTF-8 (RFC 8259 §8.1: JSON exchanged between
 * systems is UTF-8), as exactly one JSON object with no key twice and nothing after it.
 *
 * <p>Refusals are {@link Refusal}s: 415 for the wrong media type or charset, 400 for anything about the
 * bytes themselves. Messages give a line and column, never Jackson's own text (which quotes the source).
 *
 * <p>Jackson settings: {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION} ("Feature that determines
 * whether JsonParser will explicitly check that no duplicate JSON Object field names are encountered")
 * and {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS} ("whether encountering of JSON token
 * following a valid root-level value should fail"), both in the jackson-core / jackson-databind 2.x
 * javadoc; {@code readTree} honours the latter since 2.9.
 */
public final class StrictJson {

    private final ObjectMapper mapper;
    private final ObjectMapper binder;

    public StrictJson() {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        // Binding to a request record takes each value as it is typed: no "1" for 1, 1 for "1", 1.5 for 1 or
        // 0 for false. Fields the record does not have are ignored, as they always were.
        this.binder = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        binder.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        binder.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        binder.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    /**
     * The request's body (read as {@link #read} reads it) as the request record {@code type}. A field of
     * the wrong type is a 400 saying what it must be ({@link MustBe}); a missing one is null.
     */
    public <T extends Record> T bodyAsClass(Context ctx, Class<T> type) {
        return bind(read(ctx), type);
    }

    /** Like {@link #bodyAsClass} but an empty body is every field missing, as in {@link #readOrEmpty}. */
    public <T extends Record> T bodyAsClassOrEmpty(Context ctx, Class<T> type) {
        return bind(readOrEmpty(ctx), type);
    }

    <T extends Record> T bind(ObjectNode body, Class<T> type) {
        try {
            return binder.treeToValue(body, type);
        } catch (JsonMappingException e) {
            throw new Refusal(400, "bad_request", mustBe(type, e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Refusal(400, "bad_request", "the body cannot be read as this request");
        }
    }

    /** The {@link MustBe} words of the field the binding stopped at, in snake_case as it was sent. */
    private static String mustBe(Class<? extends Record> type, JsonMappingException e) {
        var path = e.getPath();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return "the body cannot be read as this request";
        }
        String field = path.get(0).getFieldName();
        boolean element = path.size() > 1 && path.get(1).getIndex() >= 0;
        for (RecordComponent component : type.getRecordComponents()) {
            MustBe rule = component.getAnnotation(MustBe.class);
            if (rule != null && snakeCase(component.getName()).equals(field)) {
                return element && !rule.each().isEmpty() ? rule.each() : field + " must be " + rule.value();
            }
        }
        return field + " has the wrong type";
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The request's body as a JSON object, or a {@link Refusal} saying what to send instead. */
    public ObjectNode read(Context ctx) {
        return parse(ctx.header("Content-Type"), ctx.bodyAsBytes());
    }

    /** Like {@link #read} but an empty body (no Content-Type needed) is an empty object: every field optional. */
    public ObjectNode readOrEmpty(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        return body.length == 0 ? mapper.createObjectNode() : parse(ctx.header("Content-Type"), body);
    }

    /** The checks of {@link #read} on a content type and body from anywhere. */
    public ObjectNode parse(String contentType, byte[] body) {
        requireJsonContentType(contentType);
        if (body.length == 0) {
            throw new Refusal(400, "bad_request", "the request needs a JSON object as its body");
        }
        String text = utf8(body);
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refusal(400, "bad_request", "the body is not valid JSON: " + reason(e) + where(e.getLocation()));
        }
        if (node == null || !node.isObject()) {
            throw new Refusal(400, "bad_request", "the body must be a JSON object ({...})");
        }
        return (ObjectNode) node;
    }

    /**
     * {@code application/json} with optional parameters; a charset, when given, must be UTF-8. Anything
     * else, including a parameter that cannot be read, is 415 (never a charset lookup that throws).
     */
    static void requireJsonContentType(String contentType) {
        String send = "send the body as Content-Type: application/json (UTF-8)";
        if (contentType == null || contentType.isBlank()) {
            throw new Refusal(415, "unsupported_media_type", "no Content-Type: " + send);
        }
        String[] parts = contentType.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new Refusal(415, "unsupported_media_type", "this endpoint reads JSON only: " + send);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals < 1) {
                throw new Refusal(415, "unsupported_media_type", "the Content-Type has an unreadable parameter: " + send);
            }
            String name = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
                throw new Refusal(415, "unsupported_media_type", "only the UTF-8 charset is accepted: " + send);
            }
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(400, "bad_encoding", "the body is not valid UTF-8; send JSON encoded as UTF-8");
        }
    }

    /** A short reason of our own words: Jackson's message quotes the source and names its classes. */
    private static String reason(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate field")) {
            return "a key appears twice";
        }
        if (original.contains("Trailing token") || e instanceof MismatchedInputException && original.contains("trailing")) {
            return "there is more after the JSON object";
        }
        if (e instanceof JsonEOFException || original.contains("end-of-input")) {
            return "it ends too early";
        }
        if (e instanceof JsonParseException) {
            return "unexpected character";
        }
        return "it cannot be read";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
