package fableforge.video.kling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeKling;
import fableforge.fake.FakeServer;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.SpendMeter;
import fableforge.video.remote.ClipRequests;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What KlingClips makes of Kling's error envelopes ({@code code}, {@code message}), whatever the HTTP
 * status: each code of Kling's table its own kind of failure, unknown codes by their status, the IP
 * allow-list refusal a configuration error, a rate limit with its wait, an answer without an envelope transient.
 */
class KlingErrorEnvelopesTest {

    private final FakeKling kling = new FakeKling();

    @AfterEach
    void close() {
        kling.close();
    }

    private KlingClips adapter() {
        return KlingClipsTest.adapter(kling, SpendMeter.NONE, FakeKling.SECRET_KEY, "kling-v1-6", "std", Duration.ofSeconds(20));
    }

    @Test
    void code1304IsAConfigurationErrorThatAsksForTheServersIpOnTheAllowListAndIsNotRetried() {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.ipNotAllowed());

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.error().retryable()).isFalse();
                    assertThat(e.getMessage()).contains("Kling code 1304").contains("IP whitelist policy")
                            .contains("add the server's outbound IP to the IP allow-list").contains("Kling console");
                });
        assertThat(kling.statusCalls()).isZero();
    }

    @ParameterizedTest(name = "unknown code {1} with HTTP {0} is {2}")
    @CsvSource({
            "200, 1999, BadRequest",
            "400, 1305, BadRequest",
            "403, 4242, BadRequest",
            "503, 5999, Transient"})
    void aCodeKlingsTableDoesNotListFailsWithItsMessageAndIsRetriedOnlyWhenTheHttpStatusSaysServerError(int http, int code, String expected) {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.envelope(http, code, "something new went wrong"));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().getClass().getSimpleName()).isEqualTo(expected);
                    assertThat(e.error().retryable()).isEqualTo(http >= 500);
                    assertThat(e.getMessage()).contains("Kling code " + code).contains("something new went wrong");
                });
    }

    @ParameterizedTest(name = "code {1} with HTTP {0} is {2}")
    @CsvSource({
            "200, 1102, BillingLimit",
            "429, 1101, BillingLimit",
            "429, 1100, BadCredentials",
            "403, 1103, BadCredentials",
            "400, 1301, PolicyRefusal",
            "400, 1300, BadRequest",
            "429, 1302, RateLimited",
            "429, 1303, RateLimited",
            "400, 1201, BadRequest",
            "404, 1203, BadRequest",
            "500, 5000, Transient",
            "503, 5001, Transient",
            "504, 5002, Transient",
            "401, 1004, BadCredentials"})
    void anErrorEnvelopeIsClassifiedByItsCodeEvenWithHttp200(int http, int code, String expected) {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.envelope(http, code, "scripted failure"));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().getClass().getSimpleName()).isEqualTo(expected);
                    assertThat(e.getMessage()).contains("Kling code " + code).contains("scripted failure");
                });
        assertThat(kling.statusCalls()).isZero();
    }

    @Test
    void aRateLimitCarriesTheWaitKlingAskedFor() {
        kling.server().script("POST", FakeKling.SUBMIT, FakeKling.envelope(429, 1302, "too many requests").withHeader("Retry-After", "7"));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void anAnswerWithoutTheEnvelopeIsTransient() {
        kling.server().script("POST", FakeKling.SUBMIT, FakeServer.Reply.bytes(200, "text/html", "<html>gateway</html>".getBytes()));

        assertThatThrownBy(() -> adapter().clip(ClipRequests.scene(3, 3.0), 1))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
    }
}
