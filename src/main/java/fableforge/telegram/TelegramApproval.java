package fableforge.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pengrad.telegrambot.model.User;
import fableforge.job.Sleeper;
import fableforge.media.MediaStore;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.ProviderMeters;
import fableforge.review.ImageReview;
import fableforge.settings.ConfigException;
import fableforge.store.Database;
import fableforge.store.ImageRepository;
import fableforge.store.NodeLeases;
import fableforge.store.StoryRepository;
import fableforge.store.TelegramState;
import fableforge.store.TrackingOutbox;
import io.javalin.http.Handler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval from a Telegram chat (issue 16), built from {@link TelegramSettings}: checked at start-up
 * ({@code getMe}, {@code getChat}), then the relay that sends images from the event log and, without a
 * webhook, the poller that reads presses; both on one node at a time, the holder of the {@code telegram}
 * lease. With {@code TELEGRAM_WEBHOOK_URL} the web nodes take presses at {@link #webhook()} instead.
 * Nothing here can fail a story or a request: Telegram's failures are retried in the background and shown
 * on {@code /health}.
 */
public final class TelegramApproval implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramApproval.class);
    static final String LEASE = "telegram";

    private final TelegramSettings settings;
    private final BotApi api;
    private final ChatRelay relay;
    private final UpdatePoller poller;
    private final Presses presses;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Outage webhookSetup = new Outage("setting the webhook", LOG);
    private final List<Thread> threads = new ArrayList<>();
    private volatile String botName = "";
    private volatile boolean running;

    /** What {@code /health} shows of the bot. */
    public record Status(String state, String mode, String bot, long backlog, long sent, long dropped, Optional<Instant> lastSend,
                         long updates, long decided, long ignored, Optional<String> lastError, Optional<Instant> failingSince) {
    }

    private TelegramApproval(TelegramSettings settings, BotApi api, ChatRelay relay, UpdatePoller poller, Presses presses, Sleeper sleeper,
                             Clock clock) {
        this.settings = settings;
        this.api = api;
        this.relay = relay;
        this.poller = poller;
        this.presses = presses;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * The bot when {@code ENABLE_TELEGRAM=true}, checked against Telegram; not started.
     *
     * @param lease how long this node's hold on sending and polling lasts unless renewed (the embedded database needs none)
     * @throws ConfigException when Telegram refuses the token or the chat
     */
    public static Optional<TelegramApproval> create(TelegramSettings settings, Database database, StoryRepository stories,
                                                    ImageRepository images, MediaStore media, ImageReview review, ObjectMapper mapper,
                                                    Optional<URI> publicBaseUrl, String nodeId, Duration lease, Clock clock) {
        return create(settings, database, stories, images, media, review, mapper, publicBaseUrl, nodeId, lease, clock, ProviderMeters.NONE);
    }

    /** As above, every call to Telegram counted in {@code calls} for {@code GET /metrics}. */
    public static Optional<TelegramApproval> create(TelegramSettings settings, Database database, StoryRepository stories,
                                                    ImageRepository images, MediaStore media, ImageReview review, ObjectMapper mapper,
                                                    Optional<URI> publicBaseUrl, String nodeId, Duration lease, Clock clock,
                                                    ProviderMeters calls) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        BotApi api = new BotApi(settings, calls);
        TelegramState state = new TelegramState(database.jdbi(), clock);
        NodeLeases leases = new NodeLeases(database.jdbi());
        BooleanSupplier leading = () -> database.isEmbedded()
                || leases.hold(LEASE, nodeId, clock.instant(), clock.instant().plus(lease));
        Instant since = Instant.ofEpochMilli(state.enabledSince());
        ChatDelivery delivery = new ChatDelivery(api, settings.chatId(), stories, images, media, mapper, publicBaseUrl, () -> since);
        ChatRelay relay = new ChatRelay(new TrackingOutbox(database.jdbi(), clock, TrackingOutbox.TELEGRAM), delivery, settings.relayPoll(),
                settings.maxBackoff(), Sleeper.REAL, clock, leading);
        Presses presses = new Presses(api, settings.chatId(), stories, images, review);
        UpdatePoller poller = new UpdatePoller(api, presses, state, settings.botId(), settings.pollTimeout(), settings.relayPoll(),
                settings.maxBackoff(), Sleeper.REAL, clock, leading);
        TelegramApproval bot = new TelegramApproval(settings, api, relay, poller, presses, Sleeper.REAL, clock);
        try {
            bot.checkAtStartUp();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        LOG.info("[START] telegram bot={} chat={} updates={} api={}", bot.botName, settings.chatId(),
                settings.webhookUrl().isPresent() ? "webhook" : "long polling", settings.apiUrl());
        return Optional.of(bot);
    }

    /**
     * The token (getMe) and the chat (getChat): a refusal stops start-up naming the variable; Telegram
     * unreachable does not (the service runs, the bot catches up when it answers).
     */
    void checkAtStartUp() {
        try {
            User me = api.getMe();
            botName = me == null || me.username() == null ? settings.botId() : "@" + me.username();
        } catch (ProviderException e) {
            if (e.error() instanceof ProviderError.BadCredentials) {
                throw new ConfigException(List.of("TELEGRAM_TOKEN: Telegram refused the bot token (" + e.getMessage()
                        + "); copy it again from @BotFather"));
            }
            LOG.warn("[TELEGRAM] Telegram did not answer getMe at start-up ({}); the bot starts anyway and catches up", e.getMessage());
            return;
        }
        try {
            api.getChat(settings.chatId());
        } catch (ProviderException e) {
            if (e.error() instanceof ProviderError.BadRequest || e.error() instanceof ProviderError.BadCredentials) {
                throw new ConfigException(List.of("TELEGRAM_CHAT_ID=" + settings.chatId() + ": the bot " + botName
                        + " cannot use that chat (" + e.getMessage() + "); add the bot to the chat, or use the id getUpdates shows"));
            }
            LOG.warn("[TELEGRAM] Telegram did not answer getChat at start-up ({}); going on", e.getMessage());
        }
    }

    /**
     * Starts the background work: on nodes that run jobs, sending, and (without a webhook) reading
     * presses; with a webhook, setting it (on every node that serves it, the same URL and secret).
     */
    public synchronized void start(boolean runsJobs) {
        if (running) {
            return;
        }
        running = true;
        if (runsJobs) {
            threads.add(Thread.ofPlatform().daemon().name("telegram-relay").start(relay::run));
        }
        if (settings.webhookUrl().isPresent()) {
            threads.add(Thread.ofPlatform().daemon().name("telegram-webhook").start(this::setWebhook));
        } else if (runsJobs) {
            threads.add(Thread.ofPlatform().daemon().name("telegram-updates").start(() -> {
                if (removeWebhook()) {
                    poller.run();
                }
            }));
        }
    }

    /** The handler of {@code POST} {@link TelegramSettings#WEBHOOK_PATH} when {@code TELEGRAM_WEBHOOK_URL} is set. */
    public Optional<Handler> webhook() {
        return settings.webhookUrl().map(url -> new WebhookRoute(settings.webhookSecret(), presses));
    }

    public Status status() {
        ChatRelay.Status sending = relay.status();
        UpdatePoller.Status reading = poller.status();
        Optional<Outage.State> setup = Optional.ofNullable(webhookSetup.current());
        Optional<String> error = sending.lastError().or(reading::lastError).or(() -> setup.map(Outage.State::lastError));
        Optional<Instant> since = sending.failingSince().or(reading::failingSince).or(() -> setup.map(Outage.State::since));
        return new Status(error.isPresent() ? "failing" : running ? "running" : "stopped",
                settings.webhookUrl().isPresent() ? "webhook" : "long_polling", botName, sending.backlog(), sending.sent(),
                sending.dropped(), sending.lastSend(), reading.handled(), presses.decided(), presses.ignored(), error, since);
    }

    /** setWebhook until Telegram takes it. */
    private void setWebhook() {
        String url = settings.webhookUrl().orElseThrow().toString();
        retryingForever(() -> api.setWebhook(url, settings.webhookSecret()), webhookSetup);
        LOG.info("[TELEGRAM] webhook set to {}", url);
    }

    /** Long polling is refused (409) while a webhook is set: deleteWebhook first, until Telegram answers. */
    private boolean removeWebhook() {
        return retryingForever(api::deleteWebhook, webhookSetup);
    }

    private boolean retryingForever(Step step, Outage outage) {
        CallPipeline<Boolean> pipeline = CallPipeline.<Boolean>builder()
                .retry(ChatRelay.retryRule(settings.relayPoll(), settings.maxBackoff()), sleeper,
                        (nextTry, failure, wait) -> outage.failed(clock.instant(), failure.getMessage(), null))
                .build();
        try {
            pipeline.call(current -> {
                if (running) {
                    step.run();
                }
                return running;
            });
            outage.recovered();
            return running;
        } catch (InterruptedException | ProviderException e) {
            return false;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws ProviderException;
    }

    /** Stops sending and polling; a send under way is cut off (its event is sent again on the next start). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        relay.stop();
        poller.stop();
        api.close();
        for (Thread thread : threads) {
            thread.interrupt();
            if (!thread.join(Duration.ofSeconds(10))) {
                LOG.warn("[TELEGRAM] {} did not stop within 10 s", thread.getName());
            }
        }
    }
}
