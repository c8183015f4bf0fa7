package fableforge.cli;

import fableforge.App;
import fableforge.Cluster;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fableforge serve}: the web app on the configured providers (offline by default). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the web app: quiz, scene editing, live images, approvals.",
                "Stories, images and jobs are kept in the data directory and survive restarts."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $PORT or 8080)")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address to listen on (default: $HOST or 127.0.0.1, this machine only; another address needs AUTH_MODE=accounts or open)")
    private String host;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "all (default: $NODE_ROLE or all), web (pages, API and live events; needs DATABASE_URL) "
                    + "or worker (runs image and video jobs, answers only /health and /metrics; needs DATABASE_URL)")
    private String role;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the database and media live (default: $FABLEFORGE_DATA_DIR or ./data)")
    private Path dataDir;

    private final Function<Map<String, String>, App> appFactory;

    /** @param appFactory makes the app from the configuration, with the given variables set by the command line's options */
    public ServeCommand(Function<Map<String, String>, App> appFactory) {
        this.appFactory = appFactory;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        if (role != null) {
            options.put("NODE_ROLE", role);
        }
        if (host != null) {
            options.put("HOST", host);
        }
        App app = appFactory.apply(options);
        int listenPort = port != null ? port : app.config().port();
        Path data = dataDir != null ? dataDir : app.config().dataDir();
        App.RunningServer server = app.serve(app.config().access().host(), listenPort, data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // shutting down anyway
            } finally {
                stopped.countDown();
            }
        }));
        Cluster cluster = app.config().cluster();
        if (cluster.servesWeb()) {
            System.out.println("FableForge is running: open http://localhost:" + server.port() + "/ (data in " + data.toAbsolutePath() + ")");
        } else {
            System.out.println("FableForge worker " + cluster.nodeId() + " is running jobs (health on http://localhost:" + server.port() + "/health)");
        }
        stopped.await();
        return 0;
    }
}
