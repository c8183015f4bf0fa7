package fableforge.web;

import fableforge.auth.Caller;
import fableforge.job.ClaimableJobs;
import fableforge.spend.SpendLedger;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * {@code GET /metrics}: what operators watch, in Prometheus' text format through Micrometer
 * (https://docs.micrometer.io/micrometer/reference/implementations/prometheus.html; the registry of
 * {@code io.micrometer.prometheusmetrics}, on the Prometheus 1.x client). Request latency per route
 * (Javalin's route template, never the raw path, so the series stay few), open event streams and
 * fan-out lag, the job queues and today's spend, beside what the node's provider call pipelines count
 * in the same registry ({@link fableforge.provider.call.ProviderMeters}: tries by provider, operation
 * and outcome). A worker node serves the same page on its health port ({@link HealthServer}).
 *
 * <p>The queues and spend are database reads: they are read once per scrape, before the registry is
 * written, and the gauges show that snapshot. Who may read: an admin (with accounts), or anyone who
 * may read {@code /health}'s details without them.
 */
public final class WebMetrics implements StreamConnection.Meter {

    /** Prometheus' text exposition format 0.0.4, what every Prometheus server scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Buckets of the request-latency histogram: a dozen series per route, not Micrometer's default of ~70. */
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    private final Supplier<Snapshot> reading;
    private final Timer fanOutLag;
    private final Counter overflows;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /** What the scrape reads from the database, once per scrape. */
    public record Snapshot(ClaimableJobs.Backlog images, ClaimableJobs.Backlog videos, double spentTodayUsd) {
        public static final Snapshot EMPTY = new Snapshot(new ClaimableJobs.Backlog(0, 0, 0), new ClaimableJobs.Backlog(0, 0, 0), 0);
    }

    /**
     * @param health   the node's adapters and job tables, as {@code /health} reads them
     * @param registry the node's registry, where its provider calls are counted too
     */
    public WebMetrics(HealthReport health, SpendLedger spend, PrometheusMeterRegistry registry) {
        this(() -> new Snapshot(health.images().jobs().backlog(health.clock().instant()),
                health.videos().jobs().backlog(health.clock().instant()), spend.spentToday().doubleValue()), registry);
    }

    /** @param reading reads the job queues and today's spend, called once per scrape */
    public WebMetrics(Supplier<Snapshot> reading, PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.reading = reading;
        fanOutLag = Timer.builder("fableforge.sse.fanout.lag")
                .description("From an event handed to a stream's queue to its write to the client's socket")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        overflows = Counter.builder("fableforge.sse.overflow.disconnects")
                .description("Streams dropped because their client read too slowly (they catch up through Last-Event-ID)")
                .register(registry);
        queue("images", Snapshot::images);
        queue("videos", Snapshot::videos);
        Gauge.builder("fableforge.spend.today.usd", this, metrics -> metrics.snapshot.spentTodayUsd())
                .description("Estimated provider spend since midnight UTC, in US dollars").register(registry);
    }

    /** Counts this node's open event streams; called once by the web server that owns them. */
    void streams(IntSupplier open) {
        Gauge.builder("fableforge.sse.connections.open", open, IntSupplier::getAsInt)
                .description("Event streams open on this node")
                // Micrometer holds a gauge's object weakly; this supplier has no other holder.
                .strongReference(true).register(registry);
    }

    /** Serves {@code GET /metrics} (admins only, see {@link #answer}) and times every request. */
    void install(JavalinConfig config) {
        timeRequests(config);
        WebServer.getAndHead(config.routes, "/metrics", this::answer);
    }

    /** Times every request by method, route template and status; {@code /stream} is timed by its own meters instead. */
    void timeRequests(JavalinConfig config) {
        config.requestLogger.http((ctx, millis) -> {
            String route = route(ctx);
            if (!"/stream".equals(route)) {
                Timer.builder("http.server.requests")
                        .description("Requests by method, route template and status")
                        .tags("method", ctx.method().name(), "route", route, "status", String.valueOf(ctx.statusCode()))
                        .serviceLevelObjectives(REQUEST_BUCKETS)
                        .register(registry)
                        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
            }
        });
    }

    @Override
    public void delivered(long lagNanos) {
        fanOutLag.record(lagNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void overflowed() {
        overflows.increment();
    }

    /** The registry's text, after one read of the database for the gauges. */
    String scrape() {
        snapshot = reading.get();
        return registry.scrape();
    }

    /** The scrape, for an admin (or anyone, without accounts: {@link Caller#OPEN}); the caller was set before. */
    void answer(Context ctx) {
        Caller caller = RequestCaller.of(ctx);
        if (!caller.admin()) {
            throw new Refusal(403, "forbidden", "only an admin may read /metrics: scrape it with an admin's API token"
                    + " (fableforge users add NAME --admin, then fableforge users token NAME)");
        }
        ctx.status(200).contentType(CONTENT_TYPE).header("Cache-Control", "no-store").result(scrape());
    }

    /** The matched route's template ({@code /story/{id}}), or one word for requests that matched none. */
    private static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        return ctx.statusCode() < 400 ? "static" : "unmatched";
    }

    private void queue(String name, Function<Snapshot, ClaimableJobs.Backlog> backlog) {
        Map<String, ToDoubleFunction<ClaimableJobs.Backlog>> values = Map.of(
                "fableforge.jobs.queued", ClaimableJobs.Backlog::queued,
                "fableforge.jobs.running", ClaimableJobs.Backlog::running,
                "fableforge.jobs.oldest.queued.seconds", ClaimableJobs.Backlog::oldestQueuedSeconds);
        values.forEach((meter, value) -> Gauge.builder(meter, this, metrics -> value.applyAsDouble(backlog.apply(metrics.snapshot)))
                .description("Jobs of every node, read from the job table at each scrape")
                .tag("queue", name).register(registry));
    }
}
