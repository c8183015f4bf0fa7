package fableforge.media.s3;

import fableforge.provider.ProviderError;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3's error answers ({@code <Error><Code>…</Code><Message>…</Message></Error>}) as {@link ProviderError}s.
 * Only throttling and 5xx are worth another try; any other answer, known or not, fails with S3's own
 * code and message (never our secret: S3 does not echo it).
 */
final class S3Errors {

    /**
     * A 403 that is not about the key or signature is the bucket policy. Without s3:ListBucket a read of
     * a missing key also answers 403, not 404
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, "Permissions").
     */
    static final String POLICY_HINT = " (the bucket policy does not allow this for these credentials: uploads need s3:PutObject,"
            + " reads and presigned links s3:GetObject; without s3:ListBucket S3 also answers 403 for a key that does not exist;"
            + " see docs/DEPLOYMENT.md, \"S3 bucket policy\")";

    private S3Errors() {
    }

    static ProviderError classify(String bucket, String what, S3Exception e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String text = "S3 refused the " + what + " in bucket " + bucket + " (HTTP " + status + (code.isEmpty() ? "" : " " + code) + "): " + message;
        if (status == 401 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
            return new ProviderError.BadCredentials(text + " (check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION)");
        }
        if (code.equals("RequestTimeTooSkewed")) {
            return new ProviderError.BadCredentials(text + " (check this server's clock)");
        }
        if (status == 403) {
            return new ProviderError.BadCredentials(text + POLICY_HINT);
        }
        if (status == 429 || status == 503 || code.equals("SlowDown")) {
            return new ProviderError.RateLimited(text, Optional.empty());
        }
        if (status >= 500) {
            return new ProviderError.Transient(text);
        }
        // Any other answer (a 4xx, or a status we do not know) will not change on a retry.
        return new ProviderError.BadRequest(text);
    }
}
