package fableforge.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The secret parts of a Google service-account key file: {@code private_key} (the whole PEM and each
 * of its base64 lines, since an echo may quote a fragment) and {@code private_key_id}. A file that
 * cannot be read gives none; the tracking relay reports that itself when it starts.
 */
final class ServiceAccountKey {

    private ServiceAccountKey() {
    }

    static List<String> secrets(Path file) {
        List<String> secrets = new ArrayList<>();
        JsonNode key;
        try {
            key = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException unreadable) {
            return secrets;
        }
        String pem = key == null ? "" : key.path("private_key").asText("");
        if (!pem.isBlank()) {
            secrets.add(pem);
            pem.lines().map(String::strip).filter(line -> !line.startsWith("-----") && line.length() >= 16).forEach(secrets::add);
        }
        if (key != null && !key.path("private_key_id").asText("").isBlank()) {
            secrets.add(key.path("private_key_id").asText());
        }
        return secrets;
    }
}
