package fableforge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.image.ImageGenerator;
import fableforge.job.ClaimableJobs;
import fableforge.media.MediaStore;
import fableforge.prompt.PromptWriter;
import fableforge.provider.http.Monitored;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.openai.ModelLifecycle;
import fableforge.provider.openai.ModelWatch;
import fableforge.store.Database;
import fableforge.store.ImageRepository;
import fableforge.store.VideoRepository;
import fableforge.story.StoryWriter;
import fableforge.videojob.VideoTools;
import fableforge.telegram.TelegramApproval;
import fableforge.tracking.TrackingRelay;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code /health} answer of a node: its role, each stage's adapter and its provider's last call, the
 * image limits, tracking's backlog, the OpenAI models in use, the database, the events, the video tools
 * and the job queues. Read afresh on every request.
 */
public record HealthReport(ObjectMapper mapper, Node node, Adapters adapters, Limits limits, Optional<TrackingRelay> tracking,
                           Optional<ModelWatch> models, Database database, ImageRepository images, VideoRepository videos,
                           Clock clock, Optional<TelegramApproval> telegram) implements Supplier<ObjectNode> {

    public HealthReport(ObjectMapper mapper, Node node, Adapters adapters, Limits limits, Optional<TrackingRelay> tracking,
                        Optional<ModelWatch> models, Database database, ImageRepository images, VideoRepository videos, Clock clock) {
        this(mapper, node, adapters, limits, tracking, models, database, images, videos, clock, Optional.empty());
    }

    /** The same report with the Telegram bot's state under {@code providers.telegram}. */
    public HealthReport withTelegram(Optional<TelegramApproval> bot) {
        return new HealthReport(mapper, node, adapters, limits, tracking, models, database, images, videos, clock, bot);
    }

    /** This node: its id and role, and whether it shares events and rate limits with others through Redis. */
    public record Node(String id, String role, boolean redis) {
    }

    /** The adapter chosen for each stage. */
    public record Adapters(StoryWriter story, PromptWriter prompts, ImageGenerator images, MediaStore media, VideoTools video) {
    }

    /** @param imageRatePerMinute empty: unlimited */
    public record Limits(int imageMaxConcurrent, Optional<Integer> imageRatePerMinute, int videoMaxRenders) {
    }

    @Override
    public ObjectNode get() {
        ObjectNode health = mapper.createObjectNode().put("status", "ok");
        health.putObject("node").put("id", node.id()).put("role", node.role());
        ObjectNode providers = health.putObject("providers");
        lastCall(providers.putObject("story").put("adapter", adapters.story().name()), adapters.story());
        lastCall(providers.putObject("prompts").put("adapter", adapters.prompts().name()), adapters.prompts());
        lastCall(providers.putObject("images").put("adapter", adapters.images().name()), adapters.images())
                .put("max_concurrent", limits.imageMaxConcurrent())
                .put("rate_per_min", limits.imageRatePerMinute().map(String::valueOf).orElse("unlimited"))
                .put("rate_shared_by_nodes", node.redis() && limits.imageRatePerMinute().isPresent());
        lastCall(providers.putObject("media").put("adapter", adapters.media().name()), adapters.media());
        trackingHealth(providers.putObject("tracking"), tracking);
        telegramHealth(providers.putObject("telegram"), telegram);
        models.ifPresent(watch -> modelsHealth(health.putObject("models"), watch.current()));
        health.set("database", mapper.valueToTree(database.describe()));
        health.putObject("events").put("adapter", node.redis() ? "redis" : "in-process");
        ObjectNode videoNode = health.putObject("video");
        adapters.video().clipSources().forEach(videoNode.putArray("clips")::add);
        adapters.video().narrations().forEach(videoNode.putArray("narration")::add);
        videoNode.put("max_renders", limits.videoMaxRenders());
        ObjectNode jobs = health.putObject("jobs");
        backlog(jobs.putObject("images"), images.jobs().backlog(clock.instant()));
        backlog(jobs.putObject("videos"), videos.jobs().backlog(clock.instant()));
        return health;
    }

    /**
     * The OpenAI models in use (what {@code auto} chose), the ones shutting down soon with their date
     * and what to do (the UI shows these as a banner), and when the list was last read.
     */
    private static void modelsHealth(ObjectNode node, ModelLifecycle.Check check) {
        node.put("checked_at", check.checkedAt().toString()).put("listed", check.listed());
        ArrayNode inUse = node.putArray("in_use");
        check.inUse().forEach(use -> inUse.addObject().put("kind", use.kind()).put("variable", use.variable())
                .put("configured", use.configured()).put("model", use.model())
                .put("shutdown_date", use.shutdownDate().map(Object::toString).orElse(null)));
        ArrayNode notices = node.putArray("shutdowns");
        check.notices().forEach(notice -> notices.addObject().put("kind", notice.kind()).put("variable", notice.variable())
                .put("model", notice.model()).put("shutdown_date", notice.shutdownDate().toString())
                .put("days_left", notice.daysLeft()).put("message", notice.message()));
        check.problems().forEach(node.putArray("problems")::add);
        check.warnings().forEach(node.putArray("warnings")::add);
    }

    /** Jobs of every node waiting and running: a queue that only grows means no worker is taking them. */
    private static void backlog(ObjectNode node, ClaimableJobs.Backlog backlog) {
        node.put("queued", backlog.queued()).put("running", backlog.running()).put("oldest_queued_seconds", backlog.oldestQueuedSeconds());
    }

    /** For a remote adapter, whether its provider answered the last call and with what status. */
    private static ObjectNode lastCall(ObjectNode stage, Object adapter) {
        if (adapter instanceof Monitored monitored) {
            ProviderHttp.LastCall last = monitored.lastCall();
            ObjectNode call = stage.putObject("last_call").put("called", last.called());
            if (last.called()) {
                call.put("at", Instant.ofEpochMilli(last.atEpochMs()).toString()).put("answered", last.answered())
                        .put("http_status", last.httpStatus());
            }
        }
        return stage;
    }

    /** Tracking's adapter, how many events still wait for it, and what went wrong while it is failing. */
    private static void trackingHealth(ObjectNode node, Optional<TrackingRelay> tracking) {
        if (tracking.isEmpty()) {
            node.put("adapter", "none");
            return;
        }
        TrackingRelay.Status status = tracking.get().status();
        node.put("adapter", status.adapter()).put("backlog", status.backlog()).put("delivered_rows", status.deliveredRows());
        status.lastDelivery().ifPresent(at -> node.put("last_delivery", at.toString()));
        node.put("last_error", status.lastError().orElse(null));
        status.failingSince().ifPresent(at -> node.put("failing_since", at.toString()));
    }

    /** Telegram approval: off, or the bot's state, what waits to be sent, what was sent and pressed, and what failed last. */
    private static void telegramHealth(ObjectNode node, Optional<TelegramApproval> telegram) {
        if (telegram.isEmpty()) {
            node.put("state", "off");
            return;
        }
        TelegramApproval.Status status = telegram.get().status();
        node.put("state", status.state()).put("mode", status.mode()).put("bot", status.bot()).put("backlog", status.backlog())
                .put("sent", status.sent()).put("dropped", status.dropped()).put("updates", status.updates())
                .put("decided", status.decided()).put("ignored", status.ignored());
        status.lastSend().ifPresent(at -> node.put("last_send", at.toString()));
        node.put("last_error", status.lastError().orElse(null));
        status.failingSince().ifPresent(at -> node.put("failing_since", at.toString()));
    }
}
