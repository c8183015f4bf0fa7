package fableforge.provider.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pipeline's meter step: every try of a call counted by provider, operation and outcome, in Prometheus' text. */
class MeteredCallsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProviderMeters meters = new ProviderMeters(registry);

    @Test
    void aRetriedCallCountsEachTryByHowItEnded() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CallPipeline<String> pipeline = CallPipeline.<String>builder()
                .retry(RetryRule.doubling(3, Duration.ZERO, Duration.ofSeconds(1)), wait -> { })
                .metered(meters.of("fake", "image"))
                .build();

        String answer = pipeline.call(current -> {
            if (tries.incrementAndGet() == 1) {
                throw new ProviderException(new ProviderError.RateLimited("slow down", Optional.empty()));
            }
            return "drawn";
        });

        assertThat(answer).isEqualTo("drawn");
        assertThat(count("fake", "image", "rate_limited")).isEqualTo(1);
        assertThat(count("fake", "image", "ok")).isEqualTo(1);
        assertThat(registry.find(ProviderMeters.METER).tag("outcome", "server_error").timer()).as("no series for what never happened").isNull();
        assertThat(registry.scrape()).contains("fableforge_provider_calls_seconds_count{operation=\"image\",outcome=\"ok\",provider=\"fake\"} 1");
    }

    @Test
    void aTryCutOffByTheTimeLimitCountsAsTimeoutAndTheGateWaitIsNotTimed() throws Exception {
        CallGate slowGate = new CallGate(1, new RateLimiter() {
            @Override
            public void acquire() throws InterruptedException {
                Thread.sleep(300);
            }

            @Override
            public void pauseFor(Duration wait) {
            }
        });
        CallPipeline<String> pipeline = CallPipeline.<String>builder()
                .timeout(Duration.ofMillis(50)).metered(meters.of("fake", "speech")).gate(slowGate).build();

        assertThatThrownBy(() -> pipeline.call(current -> {
            Thread.sleep(5_000);
            return "never";
        })).isInstanceOf(ProviderException.class);
        assertThat(pipeline.call(current -> "spoken")).isEqualTo("spoken");

        assertThat(count("fake", "speech", "timeout")).isEqualTo(1);
        assertThat(count("fake", "speech", "ok")).isEqualTo(1);
        // Both tries waited 300 ms at the gate; the provider's time is what the meter shows.
        assertThat(registry.get(ProviderMeters.METER).tags("provider", "fake", "operation", "speech", "outcome", "ok").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isLessThan(250);
    }

    @Test
    void failuresAreLabelledByWhatAnOperatorDoesAboutThem() {
        assertThat(CallOutcome.of(new ProviderException(new ProviderError.BadCredentials("bad key")))).isEqualTo(CallOutcome.CLIENT_ERROR);
        assertThat(CallOutcome.of(new ProviderException(new ProviderError.BillingLimit("no credit")))).isEqualTo(CallOutcome.CLIENT_ERROR);
        assertThat(CallOutcome.of(new ProviderException(new ProviderError.PolicyRefusal("no")))).isEqualTo(CallOutcome.REFUSED);
        assertThat(CallOutcome.of(new ProviderException(new ProviderError.Transient("502")))).isEqualTo(CallOutcome.SERVER_ERROR);
        assertThat(CallOutcome.of(new ProviderException(new ProviderError.Transient("could not be reached"), new ConnectException("refused"))))
                .isEqualTo(CallOutcome.UNREACHABLE);
        assertThat(CallOutcome.of(new InterruptedException())).isEqualTo(CallOutcome.CANCELLED);
        assertThat(CallOutcome.of(new IllegalStateException("bug"))).isEqualTo(CallOutcome.FAILED);
    }

    @Test
    void labelsThatWouldGrowTheSeriesWithoutBoundAreRefused() {
        assertThatThrownBy(() -> meters.of("https://api.example.com/v1", "image")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> meters.of("openai", "story-7f3a2c19")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProviderMeters.providerOf("openai:some-image-model")).isEqualTo("openai");
        assertThat(ProviderMeters.providerOf("google-sheets")).isEqualTo("google_sheets");
    }

    private long count(String provider, String operation, String outcome) {
        return registry.get(ProviderMeters.METER).tags("provider", provider, "operation", operation, "outcome", outcome).timer().count();
    }
}
