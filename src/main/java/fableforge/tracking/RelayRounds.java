package fableforge.tracking;

import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.RetryRule;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The loop of a relay from the event log (tracking rows, chat messages): rounds until stopped, only while
 * this node leads, through the provider call pipeline. A failed round, the provider's error or any other,
 * is tried again for as long as it takes after the rule's backoff; the outbox cursors make every retry
 * start where delivery stopped. A full round is followed at once by the next; a partial one waits a poll.
 */
public final class RelayRounds {

    /** One round: delivers what it can and says how many events it took. */
    @FunctionalInterface
    public interface Round {
        int deliver() throws ProviderException;
    }

    /** Hears how the rounds go: each failure (its cause when it failed other than at the provider) and the first success after. */
    public interface Health {
        void failed(String message, RuntimeException cause);

        void recovered();
    }

    private static final int STOPPED = -1;

    private final String name;
    private final Round round;
    private final int batchLimit;
    private final Duration pollInterval;
    private final RetryRule retryRule;
    private final Sleeper sleeper;
    private final BooleanSupplier leading;
    private final BooleanSupplier running;
    private final Health health;

    /**
     * @param name       names the relay in the message of a round that failed other than at the provider
     * @param batchLimit the most events one round takes: a round that took that many is followed at once
     * @param leading    asked before each round: false while another node is the one relaying
     * @param running    false once the relay is stopped
     */
    public RelayRounds(String name, Round round, int batchLimit, Duration pollInterval, RetryRule retryRule, Sleeper sleeper,
                       BooleanSupplier leading, BooleanSupplier running, Health health) {
        this.name = name;
        this.round = round;
        this.batchLimit = batchLimit;
        this.pollInterval = pollInterval;
        this.retryRule = retryRule;
        this.sleeper = sleeper;
        this.leading = leading;
        this.running = running;
        this.health = health;
    }

    /** Rounds until {@code running} turns false or the thread is interrupted. */
    public void run() {
        CallPipeline<Integer> rounds = CallPipeline.<Integer>builder()
                .retry(retryRule, sleeper, (nextTry, failure, wait) -> health.failed(failure.getMessage(),
                        failure instanceof RoundFailure other ? other.failure() : null))
                .build();
        try {
            while (running.getAsBoolean()) {
                int taken = rounds.call(current -> leadingRound());
                if (taken == STOPPED) {
                    return;
                }
                health.recovered();
                if (taken < batchLimit) {
                    sleeper.sleep(pollInterval);
                }
            }
        } catch (InterruptedException | ProviderException e) {
            // Interrupted: stopped while waiting. A ProviderException cannot come from a rule that never gives up.
        }
    }

    private int leadingRound() throws ProviderException, InterruptedException {
        try {
            if (!running.getAsBoolean()) {
                return STOPPED;
            }
            while (!leading.getAsBoolean()) {
                sleeper.sleep(pollInterval);
                if (!running.getAsBoolean()) {
                    return STOPPED;
                }
            }
            return round.deliver();
        } catch (RuntimeException e) {
            if (!running.getAsBoolean()) {
                return STOPPED;
            }
            throw new RoundFailure(name + ": " + e.getMessage(), e);
        }
    }

    /** A round that failed other than at the provider (the store, the lease, a row): backed off alike, logged with its trace. */
    public static final class RoundFailure extends ProviderException {
        private final transient RuntimeException failure;

        public RoundFailure(String message, RuntimeException failure) {
            super(new ProviderError.Transient(message), failure);
            this.failure = failure;
        }

        public RuntimeException failure() {
            return failure;
        }
    }
}
