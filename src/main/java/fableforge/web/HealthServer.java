package fableforge.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker node serves: {@code GET /health} for the load balancer and monitoring, and a clear
 * answer to anything else, since browsers belong on a web node.
 */
public final class HealthServer implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final Supplier<ObjectNode> health;
    private Javalin javalin;

    public HealthServer(Supplier<ObjectNode> health) {
        this.health = health;
    }

    public HealthServer start(String host, int port) {
        javalin = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.status(200).contentType("application/json").result(health.get().toString()));
            config.routes.error(404, ctx -> ctx.status(404).contentType("application/json").result(
                    "{\"error\":\"not_found\",\"message\":\"this node runs jobs only (NODE_ROLE=worker); open the app on a web node\"}"));
        }).start();
        LOG.info("FableForge worker answering /health on http://{}:{}/", host, javalin.port());
        return this;
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
