package fableforge.media.cloudinary;

import fableforge.provider.ProviderError;
import java.util.Locale;
import java.util.Optional;

/** Cloudinary's error answers ({@code {"error":{"message"}}} with a status) as {@link ProviderError}s. */
final class CloudinaryErrors {

    private CloudinaryErrors() {
    }

    static ProviderError classify(String key, int status, String message) {
        String text = "Cloudinary refused " + key + " (HTTP " + status + "): " + message;
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 400 && (lower.contains("signature") || lower.contains("api_key"))) {
            return new ProviderError.BadCredentials(text + " (check the api key and secret in CLOUDINARY_URL)");
        }
        if (status == 401 || status == 403) {
            return new ProviderError.BadCredentials(text + " (check CLOUDINARY_URL or CLOUDINARY_PRESET)");
        }
        if (status == 420 || status == 429) {
            return new ProviderError.RateLimited(text, Optional.empty());
        }
        if (status >= 400 && status < 500) {
            return new ProviderError.BadRequest(text);
        }
        return new ProviderError.Transient(text);
    }
}
