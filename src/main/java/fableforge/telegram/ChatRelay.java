package fableforge.telegram;

import fableforge.job.Sleeper;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.RetryRule;
import fableforge.store.OutboxEvent;
import fableforge.store.TrackingOutbox;
import fableforge.tracking.RelayRounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the story event log to the chat in the background, like the tracking relay: each round takes
 * the events after every story's cursor (its own cursors, {@code telegram_cursor}) and sends them one by
 * one, in order, moving the story's cursor after each. Telegram failing never touches a story: the events
 * wait in the log and go out, in order, once it answers again. Rounds back off exponentially, at least as
 * long as a 429's {@code retry_after} asks.
 *
 * <p>At least once: if the process dies after Telegram took a photo but before the cursor moved, that
 * photo is sent again (its buttons then answer "already decided" for the copy pressed second). A message
 * Telegram refuses as a bad request (400) would be refused forever: it is logged and passed over.
 */
final class ChatRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ChatRelay.class);
    /** Events read per round; each is sent on its own, so this only bounds one query. */
    static final int BATCH_LIMIT = 50;
    /** The longest wait a 429 may impose; beyond it the next try simply comes earlier and is told again. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final TrackingOutbox outbox;
    private final ChatDelivery delivery;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final Outage outage = new Outage("sending to the chat", LOG);
    private volatile boolean running;
    private volatile Instant lastSend;
    private volatile long sent;
    private volatile long dropped;

    ChatRelay(TrackingOutbox outbox, ChatDelivery delivery, Duration pollInterval, Duration maxBackoff, Sleeper sleeper, Clock clock,
              BooleanSupplier leading) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.pollInterval = pollInterval;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.leading = leading;
    }

    record Status(long backlog, long sent, long dropped, Optional<Instant> lastSend, Optional<String> lastError,
                  Optional<Instant> failingSince) {
    }

    Status status() {
        Outage.State failing = outage.current();
        return new Status(outbox.backlog(), sent, dropped, Optional.ofNullable(lastSend),
                Optional.ofNullable(failing).map(Outage.State::lastError), Optional.ofNullable(failing).map(Outage.State::since));
    }

    /**
     * One round: sends up to {@link #BATCH_LIMIT} events, moving each story's cursor after each event.
     *
     * @return how many events it took (0 when there was nothing to send)
     * @throws ProviderException Telegram failed; the events from the failed one on wait for the next round
     */
    int deliverOnce() throws ProviderException {
        List<OutboxEvent> pending = outbox.pending(BATCH_LIMIT);
        for (OutboxEvent event : pending) {
            try {
                if (delivery.deliver(event) == ChatDelivery.Outcome.SENT) {
                    sent++;
                    lastSend = clock.instant();
                }
            } catch (ProviderException e) {
                if (!(e.error() instanceof ProviderError.BadRequest)) {
                    throw e;
                }
                dropped++;
                LOG.warn("[TELEGRAM] story={} event {} ({}) cannot be sent and is passed over: {}", event.event().storyId(),
                        event.event().seq(), event.event().name(), e.getMessage());
            }
            outbox.advance(Map.of(event.event().storyId(), event.event().seq()));
        }
        return pending.size();
    }

    /** Rounds until stopped (see {@link RelayRounds}), backing off by {@link #retryRule}. */
    void run() {
        running = true;
        new RelayRounds("telegram relay", this::deliverOnce, BATCH_LIMIT, pollInterval, retryRule(pollInterval, maxBackoff),
                sleeper, leading, () -> running, new RelayRounds.Health() {
                    @Override
                    public void failed(String message, RuntimeException cause) {
                        outage.failed(clock.instant(), message, cause);
                    }

                    @Override
                    public void recovered() {
                        outage.recovered();
                    }
                }).run();
    }

    /**
     * Forever, from two poll intervals doubling up to {@code maxBackoff}; a 429's retry_after is waited out
     * in full even beyond that (sending earlier only earns another 429), up to an hour.
     */
    static RetryRule retryRule(Duration pollInterval, Duration maxBackoff) {
        RetryRule backoff = RetryRule.forever(pollInterval.multipliedBy(2), maxBackoff);
        return (nextTry, error, lastWait) -> {
            Optional<Duration> asked = error.retryAfter().filter(wait -> wait.compareTo(maxBackoff) > 0);
            return asked.isPresent() ? Optional.of(asked.get().compareTo(LONGEST_RETRY_AFTER) < 0 ? asked.get() : LONGEST_RETRY_AFTER)
                    : backoff.delayBefore(nextTry, error, lastWait);
        };
    }

    void stop() {
        running = false;
    }
}
