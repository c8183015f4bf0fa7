package fableforge.video.kling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kling's bearer token: a JWT signed HS256 with the secret key, {@code iss} the access key, valid
 * from five seconds ago (clock skew) for 30 minutes, as Kling's API reference specifies. One token
 * serves every call until five minutes before it expires, then a new one is signed.
 *
 * <p>Signed with the JDK's HMAC rather than a JWT library: HS256 over two fixed JSON objects is a
 * dozen lines, and Kling wants exactly the header {@code {"alg":"HS256","typ":"JWT"}}, which some
 * libraries do not write by default. The contract test verifies our tokens with an independent JWT
 * library (Auth0 java-jwt).
 */
final class KlingToken {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String accessKey;
    private final String secretKey;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;

    KlingToken(String accessKey, String secretKey, Clock clock) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    /** A token valid for at least five more minutes. */
    synchronized String current() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(expires.minus(RENEW_BEFORE))) {
            long seconds = now.getEpochSecond();
            expires = Instant.ofEpochSecond(seconds + LIFETIME.toSeconds());
            token = sign(accessKey, secretKey, seconds);
        }
        return token;
    }

    static String sign(String accessKey, String secretKey, long nowEpochSeconds) {
        ObjectNode header = MAPPER.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = MAPPER.createObjectNode()
                .put("iss", accessKey)
                .put("exp", nowEpochSeconds + LIFETIME.toSeconds())
                .put("nbf", nowEpochSeconds - SKEW.toSeconds());
        String signingInput = base64url(header.toString()) + "." + base64url(claims.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
