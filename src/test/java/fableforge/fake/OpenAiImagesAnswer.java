package fableforge.fake;

import java.time.Duration;
import java.util.Map;

/** One scripted answer of {@link FakeOpenAiImages}: an image (at once or slowly) or a failure as OpenAI answers it. */
public record OpenAiImagesAnswer(Kind kind, Map<String, String> headers, Duration pause, Duration delay) {

    /** What the fake answers: an image, or one of the failures OpenAI answers with. */
    public enum Kind { OK, RATE_LIMITED, NO_CREDIT, UNAUTHORIZED, SERVER_ERROR, MALFORMED, NOT_AN_IMAGE, ECHOES_KEY }

    public static OpenAiImagesAnswer ok() {
        return new OpenAiImagesAnswer(Kind.OK, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    /** A normal answer that takes {@code delay} to arrive. */
    public static OpenAiImagesAnswer slow(Duration delay) {
        return new OpenAiImagesAnswer(Kind.OK, Map.of(), Duration.ZERO, delay);
    }

    /** 429 {@code rate_limit_exceeded} with {@code retry-after: <seconds>}. */
    public static OpenAiImagesAnswer retryAfterSeconds(int seconds) {
        return new OpenAiImagesAnswer(Kind.RATE_LIMITED, Map.of("retry-after", String.valueOf(seconds)), Duration.ofSeconds(seconds), Duration.ZERO);
    }

    /** 429 {@code rate_limit_exceeded} with {@code retry-after-ms}. */
    public static OpenAiImagesAnswer retryAfterMillis(long millis) {
        return new OpenAiImagesAnswer(Kind.RATE_LIMITED, Map.of("retry-after-ms", String.valueOf(millis)), Duration.ofMillis(millis), Duration.ZERO);
    }

    /** 429 {@code rate_limit_exceeded} whose only hint is {@code x-ratelimit-reset-requests} (a Go duration). */
    public static OpenAiImagesAnswer resetRequestsIn(long millis) {
        return new OpenAiImagesAnswer(Kind.RATE_LIMITED, Map.of("x-ratelimit-reset-requests", millis + "ms"), Duration.ofMillis(millis), Duration.ZERO);
    }

    /** {@code n} rate-limit answers in a row, cycling through the three ways OpenAI says how long to wait. */
    public static OpenAiImagesAnswer[] storm(int n, long waitMillis) {
        OpenAiImagesAnswer[] storm = new OpenAiImagesAnswer[n];
        for (int i = 0; i < n; i++) {
            storm[i] = switch (i % 3) {
                case 0 -> retryAfterMillis(waitMillis);
                case 1 -> new OpenAiImagesAnswer(Kind.RATE_LIMITED, Map.of("retry-after", String.valueOf(waitMillis / 1000.0)),
                        Duration.ofMillis(waitMillis), Duration.ZERO);
                default -> resetRequestsIn(waitMillis);
            };
        }
        return storm;
    }

    public static OpenAiImagesAnswer noCredit() {
        return new OpenAiImagesAnswer(Kind.NO_CREDIT, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    public static OpenAiImagesAnswer unauthorized() {
        return new OpenAiImagesAnswer(Kind.UNAUTHORIZED, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    public static OpenAiImagesAnswer serverError() {
        return new OpenAiImagesAnswer(Kind.SERVER_ERROR, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    /** 400 whose message quotes the request's Authorization header, key and all, over several lines. */
    public static OpenAiImagesAnswer echoesKey() {
        return new OpenAiImagesAnswer(Kind.ECHOES_KEY, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    /** 200 with a body cut off in the middle of its JSON. */
    public static OpenAiImagesAnswer malformed() {
        return new OpenAiImagesAnswer(Kind.MALFORMED, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    /** 200 whose {@code b64_json} decodes to something that is not an image. */
    public static OpenAiImagesAnswer notAnImage() {
        return new OpenAiImagesAnswer(Kind.NOT_AN_IMAGE, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    public static OpenAiImagesAnswer[] times(int n, OpenAiImagesAnswer answer) {
        OpenAiImagesAnswer[] answers = new OpenAiImagesAnswer[n];
        java.util.Arrays.fill(answers, answer);
        return answers;
    }
}
