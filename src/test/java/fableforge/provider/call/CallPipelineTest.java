package fableforge.provider.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fableforge.job.CallGate;
import fableforge.job.RateLimiter;
import fableforge.job.RetryPolicy;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.spend.Charge;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The provider call pipeline on its own: order of its steps, waits, give-ups, time limit and spend. */
class CallPipelineTest {

    private static final RetryPolicy FOUR_TRIES = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(5));

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final CallGate gate = new CallGate(1, new RateLimiter() {
        @Override
        public void acquire() {
            // A gate inside the time limit would be waited for on the limiter's thread, and its wait counted.
            steps.add(Thread.currentThread().getName().equals("provider-call") ? "gate timed" : "gate");
        }

        @Override
        public void pauseFor(Duration wait) {
            pauses.add(wait);
        }
    });

    private CallPipeline.Builder<String> standard(RetryPolicy policy) {
        return CallPipeline.<String>builder()
                .spend(result -> paid(result).ifPresent(charges::add))
                .timeout(Duration.ofSeconds(5))
                .gate(gate)
                .retry(RetryRule.of(policy, new Random(7)), wait -> {
                    steps.add("wait " + wait.toMillis());
                    waits.add(wait);
                });
    }

    private static Optional<Charge> paid(String result) {
        return result.startsWith("free") ? Optional.empty()
                : Optional.of(new Charge("story-1", "image", "fake", "model-1", result, Optional.of(new BigDecimal("0.04"))));
    }

    /** A call failing with {@code errors} in turn, then answering "image from try n". */
    private ProviderCall<String> failing(ProviderError... errors) {
        return current -> {
            steps.add("call " + current.number() + (Thread.currentThread().getName().equals("provider-call") ? " timed" : " untimed"));
            if (current.number() <= errors.length) {
                throw new ProviderException(errors[current.number() - 1]);
            }
            return "image from try " + current.number();
        };
    }

    @Test
    void stepsRunRetryThenGateThenTimeoutThenSpendWhateverOrderTheyWereAddedIn() throws Exception {
        String image = standard(FOUR_TRIES).build().call(failing(new ProviderError.Transient("502")));

        assertThat(image).isEqualTo("image from try 2");
        assertThat(steps).hasSize(5);
        assertThat(steps.get(0)).isEqualTo("gate");
        assertThat(steps.get(1)).isEqualTo("call 1 timed");
        assertThat(steps.get(2)).startsWith("wait ");
        assertThat(steps.subList(3, 5)).containsExactly("gate", "call 2 timed");
        assertThat(charges).extracting(Charge::detail).containsExactly("image from try 2");
    }

    @Test
    void aTryWaitingToBeRetriedHoldsNoGateSlot() {
        CallPipeline<String> pipeline = CallPipeline.<String>builder().gate(gate)
                .retry(RetryRule.of(FOUR_TRIES, new Random(7)), wait -> gate.call(() -> "another caller's call")).build();

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThat(pipeline.call(failing(new ProviderError.Transient("reset")))).isEqualTo("image from try 2"));
    }

    @Test
    void retryAfterIsWaitedExactlyWithoutJitterAndPausesTheGateForEveryCaller() throws Exception {
        String image = standard(FOUR_TRIES).build()
                .call(failing(new ProviderError.RateLimited("429", Optional.of(Duration.ofSeconds(7)))));

        assertThat(image).isEqualTo("image from try 2");
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(pauses).containsExactly(Duration.ofSeconds(7));
    }

    static Stream<ProviderError> hopeless() {
        return Stream.of(new ProviderError.BadCredentials("401 invalid key"), new ProviderError.BillingLimit("out of credit"),
                new ProviderError.BadRequest("400 size not supported"));
    }

    @ParameterizedTest
    @MethodSource("hopeless")
    void anErrorThatCannotPassIsTriedOnceAndThrownAsItCame(ProviderError error) {
        assertThatThrownBy(() -> standard(FOUR_TRIES).build().call(failing(error, error, error)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isSameAs(error));

        assertThat(steps).containsExactly("gate", "call 1 timed");
        assertThat(waits).isEmpty();
        assertThat(charges).isEmpty();
    }

    @Test
    void aRetryableErrorIsTriedUpToThePolicysLimitThenTheLastFailureIsThrown() {
        ProviderError last = new ProviderError.Transient("503 the fourth time");
        ProviderError transientError = new ProviderError.Transient("503");

        assertThatThrownBy(() -> standard(FOUR_TRIES).build().call(failing(transientError, transientError, transientError, last, last)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isSameAs(last));

        assertThat(steps).filteredOn(step -> step.startsWith("call")).hasSize(4);
        assertThat(waits).hasSize(3);
        assertThat(charges).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheMaximumWithJitterFromTheSeededSource() throws Exception {
        ProviderError transientError = new ProviderError.Transient("503");
        standard(FOUR_TRIES).build().call(failing(transientError, transientError, transientError));
        List<Duration> firstRun = List.copyOf(waits);
        waits.clear();
        standard(FOUR_TRIES).build().call(failing(transientError, transientError, transientError));

        assertThat(waits).isEqualTo(firstRun);
        assertThat(firstRun.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(firstRun.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(firstRun.get(2)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    }

    @Test
    void aTryPastTheTimeLimitFailsAsTimedOutAndIsTriedAgain() throws Exception {
        List<ProviderError> seen = new CopyOnWriteArrayList<>();
        CallPipeline<String> pipeline = CallPipeline.<String>builder()
                .timeout(Duration.ofMillis(50))
                .retry(RetryRule.of(FOUR_TRIES, new Random(7)), waits::add)
                .build();

        String image = pipeline.call(current -> {
            seen.addAll(current.failures());
            if (current.number() == 1) {
                Thread.sleep(Duration.ofSeconds(30));
            }
            return "image from try " + current.number();
        });

        assertThat(image).isEqualTo("image from try 2");
        assertThat(seen).singleElement().isInstanceOfSatisfying(ProviderError.TimedOut.class,
                timedOut -> assertThat(timedOut.message()).isEqualTo("no answer within 50 ms"));
    }

    @Test
    void spendIsRecordedOnceForTheTryThatSucceededAndNeverForAnUnpaidResult() throws Exception {
        ProviderError transientError = new ProviderError.Transient("503");
        standard(FOUR_TRIES).build().call(failing(transientError, transientError));
        standard(FOUR_TRIES).build().call(current -> "free: from the cache");

        assertThat(charges).extracting(Charge::detail).containsExactly("image from try 3");
    }

    @Test
    void eachTrySeesItsNumberAndTheErrorsOfTheTriesBeforeIt() throws Exception {
        List<CallTry> tries = new CopyOnWriteArrayList<>();
        ProviderError refused = new ProviderError.PolicyRefusal("refused");
        ProviderError slow = new ProviderError.TimedOut("slow");
        AtomicInteger calls = new AtomicInteger();

        CallPipeline.<String>builder().retry(RetryRule.of(FOUR_TRIES, new Random(7)), waits::add).build().call(current -> {
            tries.add(current);
            return switch (calls.incrementAndGet()) {
                case 1 -> throw new ProviderException(refused);
                case 2 -> throw new ProviderException(slow);
                default -> "drawn";
            };
        });

        assertThat(tries).extracting(CallTry::number).containsExactly(1, 2, 3);
        assertThat(tries.get(2).failures()).containsExactly(refused, slow);
        assertThat(tries.get(2).count(ProviderError.PolicyRefusal.class)).isEqualTo(1);
    }

    @Test
    void theFallbackAnswersOnlyOnceEveryTryFailedAndHearsTheLastFailure() throws Exception {
        List<ProviderError> heard = new CopyOnWriteArrayList<>();
        ProviderError last = new ProviderError.Transient("503 again");
        ProviderError transientError = new ProviderError.Transient("503");
        CallPipeline<String> pipeline = standard(FOUR_TRIES).fallback(failure -> {
            heard.add(failure.error());
            return "camera motion";
        }).build();

        assertThat(pipeline.answer(failing(transientError, transientError, transientError, last))).isEqualTo("camera motion");
        assertThat(steps).filteredOn(step -> step.startsWith("call")).hasSize(4);
        assertThat(heard).containsExactly(last);
        assertThat(pipeline.answer(failing(transientError))).isEqualTo("image from try 2");
        assertThat(heard).hasSize(1);
    }

    @Test
    void onlyAPipelineWithAFallbackAnswersEveryCall() {
        assertThatThrownBy(() -> standard(FOUR_TRIES).build().answer(failing()))
                .isInstanceOf(IllegalStateException.class);
    }
}
