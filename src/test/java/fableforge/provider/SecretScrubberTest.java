package fableforge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a provider error becomes before anyone sees it. */
class SecretScrubberTest {

    private final SecretScrubber scrubber = new SecretScrubber(List.of("sk-live-abc123/xyz", "abc", "sk-live-abc123/xyz-longer"));

    @Test
    void everySecretIsReplacedAsWrittenUrlEncodedAndJsonEscaped() {
        String echoed = "bad key sk-live-abc123/xyz; url ?key=sk-live-abc123%2Fxyz; json {\"k\":\"sk-live-abc123\\/xyz\"}; sk-live-abc123/xyz-longer";

        String scrubbed = scrubber.scrub(echoed);

        assertThat(scrubbed).doesNotContain("abc123").contains("[redacted]");
        assertThat(scrubbed).endsWith("; [redacted]");
    }

    @Test
    void tooShortValuesAreNotTreatedAsSecrets() {
        assertThat(scrubber.scrub("abc def")).isEqualTo("abc def");
    }

    @Test
    void aSummaryIsOneLineOfAtMost240Characters() {
        String body = "<html>\n<body>\r\n\tError sk-live-abc123/xyz\u001b[31m " + "x".repeat(500) + "\n</body>";

        String summary = scrubber.summary(body);

        assertThat(summary).hasSizeLessThanOrEqualTo(SecretScrubber.MAX_SUMMARY).doesNotContain("\n", "\r", "\t", "\u001b", "abc123")
                .startsWith("<html> <body> Error [redacted] [31m").endsWith("…");
    }
}
