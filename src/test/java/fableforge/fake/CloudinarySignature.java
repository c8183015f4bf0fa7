package fableforge.fake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link FakeCloudinary} checks a signed upload as Cloudinary does: {@code api_key} and {@code timestamp}
 * present, the key its own, the timestamp within an hour of now, and {@code signature} the SHA-1 of the
 * signed parameters ({@code key=value} joined by {@code &}, in name order, empty ones and the unsigned
 * ones left out) followed by the secret.
 */
final class CloudinarySignature {

    private static final Set<String> NOT_SIGNED = Set.of("file", "api_key", "resource_type", "cloud_name", "signature");

    private final String apiKey;
    private final String apiSecret;
    private final Clock clock;

    CloudinarySignature(String apiKey, String apiSecret, Clock clock) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.clock = clock;
    }

    /** A refused upload: the HTTP status and Cloudinary's message. */
    record Refusal(int status, String message) {
    }

    /** Cloudinary's refusal of a signed upload's parameters, or empty when they are signed and fresh. */
    Optional<Refusal> check(Map<String, String> params) {
        for (String required : List.of("api_key", "timestamp")) {
            if (!params.containsKey(required)) {
                return Optional.of(new Refusal(400, "Missing required parameter - " + required));
            }
        }
        if (!params.get("api_key").equals(apiKey)) {
            return Optional.of(new Refusal(401, "Invalid api_key " + params.get("api_key")));
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.get("timestamp"));
        } catch (NumberFormatException e) {
            return Optional.of(new Refusal(400, "Invalid timestamp " + params.get("timestamp")));
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > Duration.ofHours(1).toSeconds()) {
            return Optional.of(new Refusal(400, "Stale request - reported time is " + Instant.ofEpochSecond(timestamp)
                    + " which is more than 1 hour ago"));
        }
        String toSign = params.entrySet().stream()
                .filter(entry -> !NOT_SIGNED.contains(entry.getKey()) && !entry.getValue().isEmpty())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
        String expected = FakeCloudinary.hex("SHA-1", (toSign + apiSecret).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(params.get("signature"))) {
            return Optional.of(new Refusal(400, "Invalid Signature " + params.get("signature") + ". String to sign - '" + toSign + "'."));
        }
        return Optional.empty();
    }
}
