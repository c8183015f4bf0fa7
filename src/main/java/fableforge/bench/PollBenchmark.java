package fableforge.bench;

import fableforge.App;
import fableforge.Config;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench poll}: {@code GET /story/<id>} of a finished 20-image story with N pollers at once, beside
 * the same bytes served as a static file by the same server software (Javalin on Jetty, a second instance in
 * this JVM with its default static-file handler, nothing in front of it), and their ratio. Every request
 * says {@code Accept-Encoding: gzip}, as browsers do; no request carries a validator, so each answer is a
 * whole body. When {@code /story} answers with an {@code ETag}, a third run revalidates with it
 * ({@code If-None-Match}, 304), which is what the UI's polling does. Figures only: it never passes or fails.
 */
public final class PollBenchmark {

    /** Before each side's first run, as long as a run but at most this: the JIT and the connections settle. */
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");

    /** @param clients pollers at once; @param seconds measured per run, after a warm-up */
    public record Settings(int clients, int seconds) {
    }

    private final Settings settings;

    public PollBenchmark(Settings settings) {
        this.settings = settings;
    }

    public List<Pollers.Figures> run(PrintWriter out) throws Exception {
        Path dataDir = Files.createTempDirectory("ff-bench-poll-");
        Path staticDir = Files.createTempDirectory("ff-bench-poll-static-");
        Javalin files = null;
        try (App.RunningServer app = new App(Config.load(Map.of(), null), Clock.systemUTC()).serve("127.0.0.1", 0, dataDir)) {
            String storyId = PollStory.seed(app, dataDir);
            URI story = URI.create("http://127.0.0.1:" + app.port() + "/story/" + storyId);
            HttpResponse<byte[]> plain = once(story, Map.of());
            HttpResponse<byte[]> zipped = once(story, GZIP);
            Files.write(staticDir.resolve("story.json"), plain.body());
            files = Javalin.create(config -> {
                config.staticFiles.add(staticDir.toString(), Location.EXTERNAL);
                config.jetty.host = "127.0.0.1";
                config.jetty.port = 0;
                config.startup.showJavalinBanner = false;
            }).start();
            URI file = URI.create("http://127.0.0.1:" + files.port() + "/story.json");
            out.printf("bench poll: GET /story of a finished 20-image story, %d bytes of JSON (%d with gzip), %d pollers, %d s per run,"
                            + " %d cores, load average %.2f before the runs%n", plain.body().length, zipped.body().length,
                    settings.clients(), settings.seconds(), Runtime.getRuntime().availableProcessors(), load());
            out.flush();
            Pollers pollers = new Pollers(settings.clients());
            Duration measured = Duration.ofSeconds(settings.seconds());
            Duration warmUp = measured.compareTo(WARM_UP) < 0 ? measured : WARM_UP;
            pollers.run("warm-up", story, GZIP, 200, warmUp);
            pollers.run("warm-up", file, GZIP, 200, warmUp);
            Pollers.Figures api = pollers.run("/story, whole body", story, GZIP, 200, measured);
            Pollers.Figures same = pollers.run("static file, same bytes", file, GZIP, 200, measured);
            List<Pollers.Figures> figures = new java.util.ArrayList<>(List.of(api, same));
            plain.headers().firstValue("ETag").ifPresent(etag -> {
                try {
                    figures.add(pollers.run("/story, If-None-Match (304)", story,
                            Map.of("Accept-Encoding", "gzip", "If-None-Match", etag), 304, measured));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            print(out, figures, api.perSecond() / same.perSecond());
            return figures;
        } finally {
            if (files != null) {
                files.stop();
            }
            delete(dataDir);
            delete(staticDir);
        }
    }

    private static void print(PrintWriter out, List<Pollers.Figures> figures, double ratio) {
        out.printf("  %-30s %10s %9s %9s %13s %s%n", "what", "req/s", "p50 ms", "p99 ms", "bytes/answer", "");
        for (Pollers.Figures f : figures) {
            out.printf("  %-30s %10.0f %9.2f %9.2f %13d %s%n", f.what(), f.perSecond(), f.p50Micros() / 1000.0, f.p99Micros() / 1000.0,
                    f.bytesPerAnswer(), f.unexpected() == 0 ? "" : f.unexpected() + " unexpected answers, first: " + f.firstProblem());
        }
        out.printf("  /story ÷ static file: %.3f× (goal ≥ 0.5×); load average now %.2f%n", ratio, load());
        out.flush();
    }

    private static HttpResponse<byte[]> once(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode());
            }
            return answer;
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
