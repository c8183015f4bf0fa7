package fableforge.video.kling;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Kling image-to-video: access and secret key (signed into a JWT per call), model, mode, task deadline. */
public record KlingSettings(Optional<String> accessKey, Optional<String> secretKey, URI baseUrl, String model, String mode, Duration timeout) {

    public static KlingSettings read(SettingsReader reader) {
        Optional<String> access = reader.text("KLING_ACCESS_KEY");
        Optional<String> secret = reader.text("KLING_SECRET_KEY");
        Optional<String> combined = reader.text("KLING_API_KEY");
        if (combined.isPresent()) {
            String[] parts = combined.get().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                reader.problem("KLING_API_KEY: must be access_key:secret_key (or set KLING_ACCESS_KEY and KLING_SECRET_KEY)");
            } else {
                access = Optional.of(parts[0].strip());
                secret = Optional.of(parts[1].strip());
            }
        }
        // Kling moved its international API from api.klingai.com to api-singapore.klingai.com; mainland accounts
        // use https://api-beijing.klingai.com. A key belongs to one host (Kling's "General Information", API Domain).
        // The default model is a current v2 image-to-video model taking std and pro, 5 s and 10 s (see KlingModels).
        return new KlingSettings(access, secret, reader.url("KLING_BASE_URL", "https://api-singapore.klingai.com"),
                reader.text("KLING_MODEL", "kling-v2-5-turbo"),
                reader.choice("KLING_MODE", List.of("std", "pro")).orElse("std"),
                Duration.ofSeconds(reader.integer("KLING_TIMEOUT_SECONDS", 600, 10, 7_200)));
    }

    /** Chosen as the clip source, Kling needs both keys. */
    public void check(boolean chosen, SettingsReader reader) {
        if (chosen && !configured()) {
            reader.problem("VIDEO_CLIPS=kling needs KLING_API_KEY (access_key:secret_key) or KLING_ACCESS_KEY and KLING_SECRET_KEY");
        }
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "accessKey", "secretKey");
    }

    public boolean configured() {
        return accessKey.isPresent() && secretKey.isPresent();
    }
}
