package fableforge.telegram;

import com.pengrad.telegrambot.model.Update;
import fableforge.job.Sleeper;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
import fableforge.store.TelegramState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import fableforge.tracking.RelayRounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the chat's updates by long polling ({@code getUpdates}), on one node at a time: the next offset is
 * kept in the database after each update is handled, so a restart (or another node taking over) neither
 * replays nor drops presses; at worst the one update being handled when the process died comes again, and
 * a second press on a decided image is answered "already approved". Failures back off like the relay's;
 * the loop survives any exception.
 */
final class UpdatePoller {

    private static final Logger LOG = LoggerFactory.getLogger(UpdatePoller.class);
    private static final List<Update> STOPPED = List.of();

    private final BotApi api;
    private final Presses presses;
    private final TelegramState state;
    private final String botId;
    private final Duration pollTimeout;
    private final Duration idleWait;
    private final Duration maxBackoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final Outage outage = new Outage("reading the chat's updates", LOG);
    private volatile boolean running;
    private volatile long handled;
    private volatile Instant lastUpdate;

    UpdatePoller(BotApi api, Presses presses, TelegramState state, String botId, Duration pollTimeout, Duration idleWait, Duration maxBackoff,
                 Sleeper sleeper, Clock clock, BooleanSupplier leading) {
        this.api = api;
        this.presses = presses;
        this.state = state;
        this.botId = botId;
        this.pollTimeout = pollTimeout;
        this.idleWait = idleWait;
        this.maxBackoff = maxBackoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.leading = leading;
    }

    record Status(long handled, long nextOffset, Optional<Instant> lastUpdate, Optional<String> lastError, Optional<Instant> failingSince) {
    }

    Status status() {
        Outage.State failing = outage.current();
        return new Status(handled, state.nextOffset(botId), Optional.ofNullable(lastUpdate),
                Optional.ofNullable(failing).map(Outage.State::lastError), Optional.ofNullable(failing).map(Outage.State::since));
    }

    /**
     * One poll: the updates after the kept offset, each handled and then its offset kept.
     *
     * @return how many updates came
     */
    int pollOnce() throws ProviderException {
        List<Update> updates = api.getUpdates(state.nextOffset(botId), pollTimeout);
        handleAll(updates);
        return updates.size();
    }

    void run() {
        running = true;
        CallPipeline<List<Update>> polls = CallPipeline.<List<Update>>builder()
                .retry(ChatRelay.retryRule(idleWait, maxBackoff), sleeper,
                        (nextTry, failure, wait) -> outage.failed(clock.instant(), failure.getMessage(),
                                failure instanceof RelayRounds.RoundFailure round ? round.failure() : null))
                .build();
        try {
            while (running) {
                List<Update> updates = polls.call(current -> leadingPoll());
                if (!running) {
                    return;
                }
                outage.recovered();
                handleAll(updates);
                if (updates.isEmpty() && pollTimeout.isZero()) {
                    sleeper.sleep(idleWait);
                }
            }
        } catch (InterruptedException | ProviderException e) {
            // Stopped while waiting; the retry rule never gives up.
        }
    }

    void stop() {
        running = false;
    }

    private List<Update> leadingPoll() throws ProviderException, InterruptedException {
        try {
            while (running && !leading.getAsBoolean()) {
                sleeper.sleep(idleWait);
            }
            if (!running) {
                return STOPPED;
            }
            List<Update> updates = api.getUpdates(state.nextOffset(botId), pollTimeout);
            return updates.isEmpty() ? STOPPED : updates;
        } catch (RuntimeException e) {
            if (!running) {
                return STOPPED;
            }
            throw new RelayRounds.RoundFailure("telegram updates: " + e.getMessage(), e);
        }
    }

    private void handleAll(List<Update> updates) {
        for (Update update : updates) {
            if (!running) {
                // Stopped: the rest stay unconfirmed and come to whichever node polls next.
                return;
            }
            if (update.updateId() == null) {
                continue;
            }
            presses.handle(update);
            state.handledUpTo(botId, update.updateId() + 1L);
            handled++;
            lastUpdate = clock.instant();
        }
    }
}
