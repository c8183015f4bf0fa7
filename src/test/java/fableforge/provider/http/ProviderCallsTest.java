package fableforge.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.fake.FakeServer;
import fableforge.fake.FakeServer.Reply;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderCalls.Outcome;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code GET /metrics} counts of a provider: each call through {@link ProviderHttp} by outcome, with its time. */
class ProviderCallsTest {

    private final FakeServer provider = new FakeServer();
    private final ProviderHttp http = new ProviderHttp("Fake", Clock.systemUTC());

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void eachCallIsCountedByOutcomeWithTheTimeItTook() throws Exception {
        provider.on("GET", "/v1/thing", request -> Reply.json(200, "{}"));
        provider.script("GET", "/v1/thing", Reply.json(200, "{}"), Reply.json(429, "{}"), Reply.json(400, "{}"), Reply.json(503, "{}"),
                Reply.json(200, "{}").after(Duration.ofSeconds(3)));

        for (int i = 0; i < 4; i++) {
            http.send(get(), Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> http.send(get(), Duration.ofMillis(200))).isInstanceOf(ProviderException.class);

        ProviderCalls calls = http.calls();
        assertThat(calls.count(Outcome.OK)).isEqualTo(1);
        assertThat(calls.count(Outcome.RATE_LIMITED)).isEqualTo(1);
        assertThat(calls.count(Outcome.CLIENT_ERROR)).isEqualTo(1);
        assertThat(calls.count(Outcome.SERVER_ERROR)).isEqualTo(1);
        assertThat(calls.count(Outcome.TIMEOUT)).isEqualTo(1);
        assertThat(calls.totalNanos(Outcome.TIMEOUT)).as("the time limit was waited out").isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(calls.totalNanos(Outcome.OK)).isPositive();
    }

    @Test
    void aProviderThatCannotBeReachedIsCountedAsUnreachable() {
        String closed = provider.url();
        provider.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(closed + "/v1/thing")).GET().build(), Duration.ofSeconds(5)))
                .isInstanceOf(ProviderException.class);

        assertThat(http.calls().count(Outcome.UNREACHABLE)).isEqualTo(1);
        assertThat(http.calls().count(Outcome.OK)).isZero();
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(URI.create(provider.url() + "/v1/thing")).GET().build();
    }
}
