package fableforge.media.s3;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** S3-compatible object storage (AWS, MinIO, R2, …). */
public record S3Settings(
        Optional<String> bucket,
        String region,
        Optional<URI> endpoint,
        boolean pathStyle,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Optional<URI> publicBaseUrl,
        Duration presignTtl) {

    public static S3Settings read(SettingsReader reader) {
        Optional<URI> endpoint = reader.text("S3_ENDPOINT").map(value -> reader.url("S3_ENDPOINT", value));
        return new S3Settings(
                reader.text("S3_BUCKET"),
                reader.text("S3_REGION", "us-east-1"),
                endpoint,
                reader.text("S3_PATH_STYLE").isPresent() ? reader.bool("S3_PATH_STYLE") : endpoint.isPresent(),
                reader.text("S3_ACCESS_KEY_ID").or(() -> reader.text("AWS_ACCESS_KEY_ID")),
                reader.text("S3_SECRET_ACCESS_KEY").or(() -> reader.text("AWS_SECRET_ACCESS_KEY")),
                reader.text("S3_PUBLIC_BASE_URL").map(value -> reader.url("S3_PUBLIC_BASE_URL", value)),
                Duration.ofMinutes(reader.integer("S3_PRESIGN_MINUTES", 60, 1, 7 * 24 * 60)));
    }

    /** Chosen as the media store, S3 needs a bucket. */
    public void check(boolean chosen, SettingsReader reader) {
        if (chosen && bucket.isEmpty()) {
            reader.problem("MEDIA_STORE=s3 needs S3_BUCKET");
        }
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "accessKeyId", "secretAccessKey");
    }
}
