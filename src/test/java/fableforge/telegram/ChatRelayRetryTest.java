package fableforge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.provider.ProviderError;
import fableforge.provider.call.RetryRule;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatRelayRetryTest {

    private final RetryRule rule = ChatRelay.retryRule(Duration.ofMillis(500), Duration.ofSeconds(60));

    @Test
    void outagesBackOffDoublingUpToTheCap() {
        ProviderError down = new ProviderError.Transient("502");
        assertThat(rule.delayBefore(2, down, Duration.ZERO)).contains(Duration.ofSeconds(1));
        assertThat(rule.delayBefore(3, down, Duration.ofSeconds(1))).contains(Duration.ofSeconds(2));
        assertThat(rule.delayBefore(30, down, Duration.ofSeconds(40))).contains(Duration.ofSeconds(60));
        assertThat(rule.delayBefore(31, new ProviderError.BadCredentials("403 kicked"), Duration.ofSeconds(60)))
                .as("never gives up").contains(Duration.ofSeconds(60));
    }

    @Test
    void a429sRetryAfterIsWaitedInFullEvenBeyondTheCapUpToAnHour() {
        assertThat(rule.delayBefore(2, new ProviderError.RateLimited("429", Optional.of(Duration.ofSeconds(5))), Duration.ZERO))
                .contains(Duration.ofSeconds(5));
        assertThat(rule.delayBefore(2, new ProviderError.RateLimited("429", Optional.of(Duration.ofSeconds(300))), Duration.ZERO))
                .contains(Duration.ofSeconds(300));
        assertThat(rule.delayBefore(2, new ProviderError.RateLimited("429", Optional.of(Duration.ofHours(5))), Duration.ZERO))
                .contains(Duration.ofHours(1));
    }
}
