package fableforge.fake.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI side of the contract file: turns its schemas into plain JSON Schema 2020-12 and answers
 * questions about them (which top-level properties a request schema declares, which JSON types a
 * property takes) that the validator does not.
 *
 * <p>The file mixes OpenAPI 3.0 and 3.1 idioms. {@code type: "null"} inside an {@code anyOf} is already
 * JSON Schema; OpenAPI 3.0's {@code nullable: true} is not, so it is rewritten: a {@code type} gains
 * {@code "null"} (and an {@code enum} gains {@code null}, since a nullable enum still has to accept null),
 * and a schema without a {@code type} (a nullable {@code oneOf}) is wrapped in {@code anyOf: [null, it]}.
 * Everything else ({@code discriminator}, {@code x-oai*}, {@code deprecated}) is left for the validator to
 * ignore as an annotation. The {@code discriminator}s here name no mapping and their implicit mapping (the
 * schema's name) is not what requests carry, so they must not be taken as OpenAPI polymorphism anyway:
 * {@code oneOf} alone says the same thing.
 */
final class OpenApiSchemas {

    private static final String REF_PREFIX = "#/components/schemas/";

    private final ObjectNode schemas;

    OpenApiSchemas(JsonNode contract) {
        JsonNode found = contract.path("components").path("schemas");
        if (!found.isObject() || found.isEmpty()) {
            throw new IllegalArgumentException("the contract has no components.schemas");
        }
        this.schemas = (ObjectNode) toJsonSchema(found);
    }

    boolean has(String name) {
        return schemas.has(name);
    }

    /** A standalone JSON Schema 2020-12 document whose root is the named component. */
    JsonNode document(String name) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.put("$ref", REF_PREFIX + name);
        document.putObject("components").set("schemas", schemas);
        return document;
    }

    /** Properties the named schema declares at its top level, its {@code allOf} parts included. */
    Set<String> declaredProperties(String name) {
        Set<String> names = new LinkedHashSet<>();
        collectProperties(component(name), names);
        return names;
    }

    /** True when the schema or one of its {@code allOf} parts says {@code additionalProperties: false}. */
    boolean closed(String name) {
        return closed(component(name));
    }

    /** The JSON types the named top-level property of a schema takes, through $ref, anyOf and oneOf. */
    Set<String> propertyTypes(String schemaName, String property) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode property1 = findProperty(component(schemaName), property);
        if (property1 != null) {
            collectTypes(property1, types);
        }
        return types;
    }

    private JsonNode component(String name) {
        JsonNode schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("no schema " + name + " in the contract; it has " + schemas.size()
                    + " components");
        }
        return schema;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref != null && ref.asText().startsWith(REF_PREFIX)
                ? component(ref.asText().substring(REF_PREFIX.length()))
                : schema;
    }

    private void collectProperties(JsonNode schema, Set<String> names) {
        JsonNode resolved = resolve(schema);
        resolved.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode part : resolved.path("allOf")) {
            collectProperties(part, names);
        }
    }

    private boolean closed(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved.path("additionalProperties").isBoolean() && !resolved.get("additionalProperties").asBoolean()) {
            return true;
        }
        for (JsonNode part : resolved.path("allOf")) {
            if (closed(part)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode findProperty(JsonNode schema, String property) {
        JsonNode resolved = resolve(schema);
        JsonNode direct = resolved.path("properties").get(property);
        if (direct != null) {
            return direct;
        }
        for (JsonNode part : resolved.path("allOf")) {
            JsonNode found = findProperty(part, property);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void collectTypes(JsonNode schema, Set<String> types) {
        JsonNode resolved = resolve(schema);
        JsonNode type = resolved.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            for (JsonNode part : resolved.path(combinator)) {
                collectTypes(part, types);
            }
        }
    }

    /** A deep copy of an OpenAPI schema (or any node under one) with {@code nullable} made JSON Schema. */
    static JsonNode toJsonSchema(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(toJsonSchema(item)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            // Under "properties" the keys are property names, not keywords: a property called "nullable"
            // must survive. The walk below still converts each property's own schema.
            if (!field.getKey().equals("nullable") || node.path("nullable").isObject()) {
                copy.set(field.getKey(), toJsonSchema(field.getValue()));
            }
        }
        return node.path("nullable").asBoolean(false) ? nullable(copy) : copy;
    }

    private static JsonNode nullable(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
            ArrayNode anyOf = wrapper.putArray("anyOf");
            anyOf.addObject().put("type", "null");
            anyOf.add(schema);
            return wrapper;
        }
        ArrayNode types = JsonNodeFactory.instance.arrayNode();
        if (type.isArray()) {
            types.addAll((ArrayNode) type);
        } else {
            types.add(type);
        }
        if (!contains(types, JsonNodeFactory.instance.textNode("null"))) {
            types.add("null");
        }
        schema.set("type", types);
        JsonNode values = schema.get("enum");
        if (values instanceof ArrayNode array && !contains(array, JsonNodeFactory.instance.nullNode())) {
            array.addNull();
        }
        return schema;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
