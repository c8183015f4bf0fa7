package fableforge.provider.call;

import static org.assertj.core.api.Assertions.assertThat;

import fableforge.job.RetryPolicy;
import fableforge.provider.ProviderError;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rules the four callers use: when to try again and how long to wait first. */
class RetryRuleTest {

    private static final ProviderError FAILED = new ProviderError.Transient("503");
    private static final Duration NONE_YET = Duration.ZERO;

    private static ProviderError rateLimited(Duration retryAfter) {
        return new ProviderError.RateLimited("429", Optional.of(retryAfter));
    }

    @Test
    void doublingWaitsOneThenTwoSecondsAndGivesUpAfterThreeTries() {
        RetryRule rule = RetryRule.doubling(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(rule.delayBefore(2, FAILED, NONE_YET)).contains(Duration.ofSeconds(1));
        assertThat(rule.delayBefore(3, FAILED, Duration.ofSeconds(1))).contains(Duration.ofSeconds(2));
        assertThat(rule.delayBefore(4, FAILED, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void doublingWaitsTheRetryAfterButGivesUpRatherThanWaitLongerThanItsLongest() {
        RetryRule rule = RetryRule.doubling(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(rule.delayBefore(2, rateLimited(Duration.ofSeconds(30)), NONE_YET)).contains(Duration.ofSeconds(30));
        assertThat(rule.delayBefore(2, rateLimited(Duration.ofSeconds(61)), NONE_YET)).isEmpty();
        assertThat(rule.delayBefore(2, new ProviderError.BadCredentials("401"), NONE_YET)).isEmpty();
    }

    @Test
    void foreverDoublesFromTheFirstWaitUpToTheCapAndNeverGivesUp() {
        RetryRule rule = RetryRule.forever(Duration.ofMillis(40), Duration.ofMillis(200));

        assertThat(rule.delayBefore(2, FAILED, NONE_YET)).contains(Duration.ofMillis(40));
        assertThat(rule.delayBefore(3, FAILED, Duration.ofMillis(40))).contains(Duration.ofMillis(80));
        assertThat(rule.delayBefore(5, FAILED, Duration.ofMillis(160))).contains(Duration.ofMillis(200));
        assertThat(rule.delayBefore(1000, new ProviderError.BadCredentials("401"), Duration.ofMillis(200))).contains(Duration.ofMillis(200));
    }

    @Test
    void foreverHonoursARetryAfterLongerThanItsDoublingUpToTheCapAndDoublesOnFromIt() {
        RetryRule rule = RetryRule.forever(Duration.ofMillis(40), Duration.ofSeconds(10));

        assertThat(rule.delayBefore(2, rateLimited(Duration.ofSeconds(3)), NONE_YET)).contains(Duration.ofSeconds(3));
        assertThat(rule.delayBefore(3, FAILED, Duration.ofSeconds(3))).contains(Duration.ofSeconds(6));
        assertThat(rule.delayBefore(2, rateLimited(Duration.ofMinutes(5)), NONE_YET)).contains(Duration.ofSeconds(10));
    }

    @Test
    void givingUpOnStopsAtOnceOnMatchingErrorsAndLeavesTheOthersToTheRule() {
        RetryRule rule = RetryRule.of(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(1)), new Random(1))
                .givingUpOn(ProviderError.PolicyRefusal.class::isInstance);

        assertThat(rule.delayBefore(2, new ProviderError.PolicyRefusal("refused still"), NONE_YET)).isEmpty();
        assertThat(rule.delayBefore(2, FAILED, NONE_YET)).isPresent();
    }
}
