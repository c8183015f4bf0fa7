package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeServer.Recorded;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Bot API request's parameters, sent any of the four ways https://core.telegram.org/bots/api#making-requests
 * allows: the query string, application/x-www-form-urlencoded, application/json, or multipart/form-data
 * (the only way to upload a file, whose part is kept).
 */
record TelegramParams(Map<String, String> values, Optional<Multipart.Part> file, String encoding) {

    static TelegramParams of(Recorded request, String fileField) {
        Map<String, String> values = new HashMap<>();
        form(request.uri().getRawQuery(), values);
        String type = Optional.ofNullable(request.header("content-type")).orElse("").toLowerCase(Locale.ROOT);
        Optional<Multipart.Part> file = Optional.empty();
        String encoding = "query";
        if (type.startsWith("multipart/form-data")) {
            encoding = "multipart";
            List<Multipart.Part> parts = Multipart.parse(request.header("content-type"), request.body());
            for (Multipart.Part part : parts) {
                if (part.filename().isPresent()) {
                    if (part.name().equals(fileField)) {
                        file = Optional.of(part);
                    }
                } else {
                    values.put(part.name(), part.text());
                }
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            encoding = "form";
            form(request.bodyText(), values);
        } else if (type.startsWith("application/json")) {
            encoding = "json";
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body()).properties()
                        .forEach(field -> values.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                                : field.getValue().toString()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("body is not JSON");
            }
        }
        return new TelegramParams(values, file, encoding);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    private static void form(String text, Map<String, String> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }

    /** The inline keyboard, or empty when a button's callback_data is not 1-64 bytes (or the markup is not a keyboard). */
    static Optional<JsonNode> keyboard(ObjectMapper mapper, String json) {
        try {
            JsonNode markup = mapper.readTree(json);
            JsonNode rows = markup.path("inline_keyboard");
            if (!rows.isArray()) {
                return markup.isObject() && markup.isEmpty() ? Optional.of(mapper.createObjectNode().set("inline_keyboard",
                        mapper.createArrayNode())) : Optional.empty();
            }
            for (JsonNode row : rows) {
                for (JsonNode button : row) {
                    int bytes = button.path("callback_data").asText().getBytes(StandardCharsets.UTF_8).length;
                    if (button.path("text").asText().isEmpty() || bytes < 1 || bytes > 64) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(markup);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static boolean isPng(byte[] bytes) {
        return (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

}
