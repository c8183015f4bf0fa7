package fableforge.cli;

import fableforge.App;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fableforge serve}: the web app on the configured providers (offline by default). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the web app: quiz, scene editing, live images, approvals.",
                "Stories, images and jobs are kept in the data directory and survive restarts."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $PORT or 8080)")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the database and media live (default: $FABLEFORGE_DATA_DIR or ./data)")
    private Path dataDir;

    private final Supplier<App> appFactory;

    public ServeCommand(Supplier<App> appFactory) {
        this.appFactory = appFactory;
    }

    @Override
    public Integer call() throws Exception {
        App app = appFactory.get();
        int listenPort = port != null ? port : app.config().port();
        Path data = dataDir != null ? dataDir : app.config().dataDir();
        App.RunningServer server = app.serve(host, listenPort, data);
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
        System.out.println("FableForge is running: open http://localhost:" + server.port() + "/ (data in " + data.toAbsolutePath() + ")");
        stopped.await();
        return 0;
    }
}
