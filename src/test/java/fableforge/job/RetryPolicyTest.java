package fableforge.job;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.provider.ProviderError;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private final ProviderError transientError = new ProviderError.Transient("500");

    @Test
    void backsOffExponentiallyWithJitterUpToTheCap() {
        Random random = new Random(1);
        for (int tryNumber = 2; tryNumber <= 4; tryNumber++) {
            long full = Math.min(1000L << (tryNumber - 2), 5000);
            assertThat(policy.delayBefore(tryNumber, transientError, random)).get()
                    .satisfies(d -> assertThat(d.toMillis()).isBetween(full / 2, full));
        }
    }

    @Test
    void givesUpAfterTheLastTry() {
        assertThat(policy.delayBefore(5, transientError, new Random(1))).isEmpty();
    }

    @Test
    void neverRetriesBadCredentialsOrBilling() {
        assertThat(policy.delayBefore(2, new ProviderError.BadCredentials("401"), new Random(1))).isEmpty();
        assertThat(policy.delayBefore(2, new ProviderError.BillingLimit("quota"), new Random(1))).isEmpty();
    }

    @Test
    void waitsExactlyWhatTheProviderAskedFor() {
        ProviderError limited = new ProviderError.RateLimited("429", Optional.of(Duration.ofSeconds(7)));
        assertThat(policy.delayBefore(2, limited, new Random(1))).contains(Duration.ofSeconds(7));
    }
}
