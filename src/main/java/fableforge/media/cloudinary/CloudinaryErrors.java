package fableforge.media.cloudinary;

import fableforge.provider.ProviderError;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudinary's error answers ({@code {"error":{"message"}}} with a status) as {@link ProviderError}s.
 * Only 5xx and rate limiting (420, 429) are worth another try; any other answer, known or not, fails
 * with Cloudinary's message (which never carries our secret: a bad signature's answer shows only the
 * string that was signed).
 */
final class CloudinaryErrors {

    /** Cloudinary's answer to a file over the plan's limit: "File size too large. Got 26214400. Maximum is 10485760." */
    private static final Pattern SIZE_LIMIT = Pattern.compile("File size too large\\. Got (\\d+)\\. Maximum is (\\d+)");

    private CloudinaryErrors() {
    }

    static ProviderError classify(String key, int status, String message) {
        String text = "Cloudinary refused " + key + " (HTTP " + status + "): " + message;
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 413 || lower.contains("file size too large")) {
            return new ProviderError.BadRequest(text + sizeLimitAdvice(message));
        }
        if (status == 400 && (lower.contains("signature") || lower.contains("api_key"))) {
            return new ProviderError.BadCredentials(text + " (check the api key and secret in CLOUDINARY_URL)");
        }
        if (status == 401 || status == 403) {
            return new ProviderError.BadCredentials(text + " (check CLOUDINARY_URL or CLOUDINARY_PRESET)");
        }
        if (status == 420 || status == 429) {
            return new ProviderError.RateLimited(text, Optional.empty());
        }
        if (status >= 500) {
            return new ProviderError.Transient(text);
        }
        if (status == 200) {
            // Not Cloudinary's refusal: the SDK reports a 200 whose body is not JSON (garbled on the way)
            // this way. Sending the same upload again is harmless.
            return new ProviderError.Transient(text);
        }
        // A 4xx, or any status we do not know: the same upload would be refused again.
        return new ProviderError.BadRequest(text);
    }

    /**
     * The plan's maximum file size (per resource type: image, video, raw) is an account setting that
     * chunked uploads do not raise: "Usage limits for uploading ... depend on your Cloudinary plan ...
     * check the Account tab in your Cloudinary Console Settings" (https://cloudinary.com/documentation/upload_images);
     * "If an asset exceeds the environment maximum, chunking will not help"
     * (https://github.com/cloudinary/cloudinary_npm/blob/master/docs/upload-image.md, "Size limits").
     * So the operator is told which limit it is, and retrying is pointless.
     */
    private static String sizeLimitAdvice(String message) {
        Matcher sizes = SIZE_LIMIT.matcher(message);
        String numbers = sizes.find()
                ? ": the file is " + megabytes(Long.parseLong(sizes.group(1))) + ", the plan allows " + megabytes(Long.parseLong(sizes.group(2)))
                : "";
        return " — the Cloudinary plan's file-size limit for this kind of file" + numbers
                + " (raise it with a larger plan, or use MEDIA_STORE=s3 or local for large videos and ZIPs)";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
