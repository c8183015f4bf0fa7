package fableforge.provider.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asked us to wait, from its answer's headers: {@code retry-after-ms},
 * {@code retry-after} (seconds or an HTTP date), or OpenAI's {@code x-ratelimit-reset-requests} and
 * {@code x-ratelimit-reset-tokens} durations ({@code 1s}, {@code 6m0s}, {@code 250ms}). A 429 may come
 * from either budget, and the headers do not say which: the later reset is the one that frees the call.
 */
public final class RetryAfter {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RetryAfter() {
    }

    public static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        return headers.firstValue("retry-after-ms").flatMap(RetryAfter::millis)
                .or(() -> headers.firstValue("retry-after").flatMap(value -> secondsOrDate(value, clock)))
                .or(() -> budgetReset(headers));
    }

    /**
     * The reset of the budget that ran out ({@code x-ratelimit-remaining-*} at 0): a token-limit 429
     * waits for the tokens, not for the request count, which may reset much sooner. When the headers
     * do not say which ran out, the later reset.
     */
    private static Optional<Duration> budgetReset(HttpHeaders headers) {
        Optional<Duration> requests = headers.firstValue("x-ratelimit-reset-requests").flatMap(RetryAfter::goDuration);
        Optional<Duration> tokens = headers.firstValue("x-ratelimit-reset-tokens").flatMap(RetryAfter::goDuration);
        boolean requestsOut = exhausted(headers, "x-ratelimit-remaining-requests");
        boolean tokensOut = exhausted(headers, "x-ratelimit-remaining-tokens");
        if (requestsOut != tokensOut) {
            return requestsOut ? requests.or(() -> tokens) : tokens.or(() -> requests);
        }
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
        }
        return requests.or(() -> tokens);
    }

    private static boolean exhausted(HttpHeaders headers, String remaining) {
        return headers.firstValue(remaining).map(String::strip).filter(value -> value.equals("0")).isPresent();
    }

    static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> secondsOrDate(String value, Clock clock) {
        String text = value.strip();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(text) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** Go-style durations as OpenAI sends them: {@code 1s}, {@code 6m0s}, {@code 1h2m3.5s}, {@code 20ms}. */
    static Optional<Duration> goDuration(String value) {
        String text = value.strip();
        Matcher matcher = DURATION_PART.matcher(text);
        long millis = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(matcher.group(1));
            millis += (long) switch (matcher.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1_000;
                default -> amount;
            };
            end = matcher.end();
        }
        return end == text.length() && end > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }
}
