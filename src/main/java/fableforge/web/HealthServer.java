package fableforge.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.auth.Accounts;
import fableforge.auth.Caller;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker node serves: {@code GET /health} for the load balancer and monitoring, and a clear
 * answer to anything else, since browsers belong on a web node. It refuses other Host names and carries
 * the security headers like a web node; with accounts, where nobody here can be checked for being an
 * admin, it tells only the status (an admin reads the details on a web node).
 *
 * <p>With {@link #metrics} it also serves {@code GET /metrics}, the worker's provider calls, queues and
 * spend, under the web node's rule: with accounts only an admin's API token ({@code Authorization:
 * Bearer}) is let in, and no session cookie, since no browser signs in here; without accounts anyone
 * who reaches the port, as for the details of {@code /health}.
 */
public final class HealthServer implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final Supplier<ObjectNode> health;
    private final WebSettings settings;
    private final boolean details;
    private Optional<WebMetrics> metrics = Optional.empty();
    private Optional<Accounts> accounts = Optional.empty();
    private Javalin javalin;

    public HealthServer(Supplier<ObjectNode> health) {
        this(health, WebSettings.DEFAULTS, true);
    }

    /** @param details whether anyone who reaches the port may see the details (false with accounts) */
    public HealthServer(Supplier<ObjectNode> health, WebSettings settings, boolean details) {
        this.health = health;
        this.settings = settings;
        this.details = details;
    }

    /**
     * Serves {@code GET /metrics} too; call before {@link #start}.
     *
     * @param accounts the accounts whose admins may read it; empty without accounts (anyone may)
     */
    public HealthServer metrics(WebMetrics webMetrics, Optional<Accounts> accounts) {
        this.metrics = Optional.of(webMetrics);
        this.accounts = accounts;
        return this;
    }

    public HealthServer start(String host, int port) {
        SecurityHeaders securityHeaders = new SecurityHeaders(List.of(), settings.trustProxy());
        javalin = Javalin.create(config -> {
            config.jetty.modifyHttpConfiguration(securityHeaders::apply);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(securityHeaders)));
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.before(new HostAllowList(settings.hostsFor(host)));
            config.routes.get("/health", ctx -> {
                ObjectNode report = health.get();
                String body = (details ? report : statusOnly(report)).toString();
                ctx.status(200).contentType("application/json").header("Cache-Control", "no-store").result(body);
            });
            metrics.ifPresent(meter -> {
                meter.timeRequests(config);
                // Checked in the handler itself, so whatever path variant reaches it was checked.
                WebServer.getAndHead(config.routes, "/metrics", ctx -> {
                    identify(ctx);
                    meter.answer(ctx);
                });
            });
            config.routes.exception(Refusal.class, (e, ctx) -> {
                e.headers().forEach(ctx::header);
                ctx.status(e.status()).contentType("application/json").result(error(e.code(), e.getMessage()));
            });
            config.routes.error(404, ctx -> ctx.status(404).contentType("application/json").result(
                    error("not_found", "this node runs jobs only (NODE_ROLE=worker); open the app on a web node")));
        }).start();
        LOG.info("FableForge worker answering /health{} on http://{}:{}/", metrics.isPresent() ? " and /metrics" : "", host, javalin.port());
        return this;
    }

    /**
     * The caller of {@code /metrics}, for its admin check: with accounts, whoever's API token this is
     * (401 without a valid one); without, everyone is {@link Caller#OPEN}, as on a web node.
     */
    private void identify(Context ctx) {
        if (accounts.isEmpty()) {
            return;
        }
        String authorization = ctx.header("Authorization");
        Optional<Caller> caller = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? accounts.get().callerForToken(authorization.substring(7).strip()) : Optional.empty();
        RequestCaller.set(ctx, caller.orElseThrow(() -> new Refusal(401, "unauthenticated",
                "send Authorization: Bearer <an admin's API token> (fableforge users token NAME)",
                Map.of("WWW-Authenticate", "Bearer realm=\"fableforge\""))));
    }

    /** What anyone may learn of a health report: whether the node is up. */
    static ObjectNode statusOnly(ObjectNode report) {
        return JsonNodeFactory.instance.objectNode().put("status", report.path("status").asText("ok"));
    }

    private static String error(String code, String message) {
        return JsonNodeFactory.instance.objectNode().put("error", code).put("message", message).toString();
    }

    @Override
    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        if (javalin != null) {
            javalin.stop();
        }
    }
}
