package fableforge.media.cloudinary;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Cloudinary: signed uploads from {@code CLOUDINARY_URL} ({@code cloudinary://key:secret@cloud}),
 * unsigned ones from a cloud name and {@code CLOUDINARY_PRESET}. Media is read back from
 * {@code deliveryBaseUrl} ({@code https://res.cloudinary.com}, or a custom CNAME).
 */
public record CloudinarySettings(
        Optional<String> cloudName,
        Optional<String> apiKey,
        Optional<String> apiSecret,
        Optional<String> uploadPreset,
        String folder,
        URI apiBaseUrl,
        URI deliveryBaseUrl,
        Duration timeout) {

    public static CloudinarySettings read(SettingsReader reader) {
        Optional<String> cloudName = reader.text("CLOUDINARY_CLOUD_NAME");
        Optional<String> apiKey = Optional.empty();
        Optional<String> apiSecret = Optional.empty();
        Optional<String> url = reader.text("CLOUDINARY_URL");
        if (url.isPresent()) {
            try {
                URI parsed = URI.create(url.get());
                String[] credentials = parsed.getRawUserInfo() == null ? new String[0] : parsed.getRawUserInfo().split(":", 2);
                if (!"cloudinary".equals(parsed.getScheme()) || parsed.getHost() == null || credentials.length != 2) {
                    throw new IllegalArgumentException();
                }
                apiKey = Optional.of(credentials[0]);
                apiSecret = Optional.of(credentials[1]);
                cloudName = Optional.of(parsed.getHost());
            } catch (IllegalArgumentException e) {
                reader.problem("CLOUDINARY_URL: must look like cloudinary://<api_key>:<api_secret>@<cloud_name>");
            }
        }
        return new CloudinarySettings(cloudName, apiKey, apiSecret, reader.text("CLOUDINARY_PRESET"),
                reader.text("CLOUDINARY_FOLDER", "fableforge"), reader.url("CLOUDINARY_API_BASE_URL", "https://api.cloudinary.com"),
                reader.url("CLOUDINARY_DELIVERY_BASE_URL", "https://res.cloudinary.com"),
                Duration.ofSeconds(reader.integer("CLOUDINARY_TIMEOUT_SECONDS", 60, 1, 3_600)));
    }

    /** Chosen as the media store, Cloudinary needs a signed URL or an unsigned preset. */
    public void check(boolean chosen, SettingsReader reader) {
        if (chosen && !configured()) {
            reader.problem("MEDIA_STORE=cloudinary needs CLOUDINARY_URL (cloudinary://key:secret@cloud) or CLOUDINARY_CLOUD_NAME with CLOUDINARY_PRESET");
        }
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "apiKey", "apiSecret");
    }

    public boolean configured() {
        return cloudName.isPresent() && (apiSecret.isPresent() || uploadPreset.isPresent());
    }
}
