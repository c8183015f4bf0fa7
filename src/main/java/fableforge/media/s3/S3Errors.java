package fableforge.media.s3;

import fableforge.provider.ProviderError;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3's error answers ({@code <Error><Code>…</Code><Message>…</Message></Error>}) as {@link ProviderError}s. */
final class S3Errors {

    private S3Errors() {
    }

    static ProviderError classify(String bucket, String what, S3Exception e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String text = "S3 refused the " + what + " in bucket " + bucket + " (HTTP " + status + (code.isEmpty() ? "" : " " + code) + "): " + message;
        if (status == 403 || status == 401 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
            return new ProviderError.BadCredentials(text + " (check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION)");
        }
        if (status == 429 || status == 503 || code.equals("SlowDown")) {
            return new ProviderError.RateLimited(text, Optional.empty());
        }
        if (status >= 500) {
            return new ProviderError.Transient(text);
        }
        return new ProviderError.BadRequest(text);
    }
}
