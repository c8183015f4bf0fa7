package fableforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.App;
import fableforge.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code bench sse}: how long an event takes from {@code StoryEvents.emit} to the {@code data:} line
 * read by each of many clients on the story's event stream, and whether every client got every event
 * exactly once and in order, on one node, and on two nodes sharing a PostgreSQL database and Redis
 * (clients on node A, events emitted on node B), printed side by side. Both nodes run in this JVM, so
 * the emitter's and the clients' {@code System.nanoTime()} are one clock.
 */
public final class SseBenchmark {

    static final String ONE_NODE = "one node";
    static final String TWO_NODES = "two nodes (Redis)";
    /** The fewest answers a story needs; the offline writer invents the rest. */
    private static final String QUIZ = "{\"animal\":\"fox\",\"character_name\":\"Bench\",\"setting\":\"enchanted forest\","
            + "\"visual_style\":\"watercolor\"}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public enum Nodes {
        ONE, TWO, BOTH;

        boolean one() {
            return this != TWO;
        }

        boolean two() {
            return this != ONE;
        }
    }

    /**
     * @param warmupEvents events emitted at the rate before the measured ones and not counted: a running server's code is
     *                     compiled, and 200 events alone are not enough for the JIT (perf: its compiler threads took 13% of
     *                     the machine during an unwarmed run's measured events)
     * @param databaseUrl the PostgreSQL database of the two-node mode; the run adds a schema of its own and drops it
     * @param drainTimeout how long after the last emit the clients may take to receive everything before the rest counts as lost
     */
    public record Settings(int clients, int events, int warmupEvents, double ratePerSecond, Nodes nodes, String databaseUrl, String redisUrl,
                           Duration drainTimeout) {
    }

    private final Settings settings;
    private final String run = HexFormat.of().toHexDigits(new Random().nextInt());

    public SseBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** Why this process cannot hold the connections the settings ask for, or empty. */
    public static Optional<String> fileDescriptorShortage(int clients) {
        return FileDescriptors.shortage(clients);
    }

    public List<SseResult> run(PrintWriter out) throws Exception {
        out.printf("%d SSE clients on one story (read by %d event loops), %d events at %.1f/s per mode after %d not counted, loopback;"
                + " latency = emit() -> the client reads the data: line (one JVM, one clock); run %s%n", settings.clients(),
                SseRun.CLIENT_LOOPS, settings.events(), settings.ratePerSecond(), settings.warmupEvents(), run);
        out.flush();
        List<SseResult> results = new ArrayList<>();
        Map<String, String> databases = new LinkedHashMap<>();
        if (settings.nodes().one()) {
            results.add(oneNode(databases));
        }
        if (settings.nodes().two()) {
            results.add(twoNodes(databases));
        }
        print(out, results, databases);
        return results;
    }

    private SseResult oneNode(Map<String, String> databases) throws Exception {
        Path dir = Files.createTempDirectory("fableforge-bench-sse-");
        try (App.RunningServer node = start(Map.of(), dir)) {
            String storyId = createStory(node);
            databases.put(ONE_NODE, databaseOf(node));
            return new SseRun(settings, run).measure(ONE_NODE, address(node), storyId, node.events());
        } finally {
            deleteTree(dir);
        }
    }

    private SseResult twoNodes(Map<String, String> databases) throws Exception {
        String suffix = HexFormat.of().toHexDigits(new Random().nextInt());
        PostgresSchema schema;
        try {
            schema = PostgresSchema.create(settings.databaseUrl(), "ff_bench_" + suffix);
        } catch (SQLException e) {
            return SseResult.notRun(TWO_NODES, settings, "PostgreSQL (" + settings.databaseUrl() + ") refused: " + e.getMessage());
        }
        String prefix = "ff_bench_" + suffix + ":";
        RedisKeys redis;
        try {
            redis = RedisKeys.connect(settings.redisUrl());
        } catch (IOException e) {
            schema.close();
            return SseResult.notRun(TWO_NODES, settings, "Redis (" + settings.redisUrl() + ") refused: " + e.getMessage());
        }
        Path dirA = Files.createTempDirectory("fableforge-bench-sse-a-");
        Path dirB = Files.createTempDirectory("fableforge-bench-sse-b-");
        try (schema; redis) {
            try {
                return acrossTwoNodes(schema, prefix, dirA, dirB, databases);
            } finally {
                redis.deleteByPrefix(prefix);
            }
        } finally {
            deleteTree(dirA);
            deleteTree(dirB);
        }
    }

    private SseResult acrossTwoNodes(PostgresSchema schema, String prefix, Path dirA, Path dirB, Map<String, String> databases)
            throws Exception {
        Function<String, Map<String, String>> env = node -> Map.of("DATABASE_URL", schema.url(), "REDIS_URL", settings.redisUrl(),
                "REDIS_KEY_PREFIX", prefix, "NODE_ID", "bench-" + node + "-" + run, "NODE_ROLE", "all");
        // A first: the first node to start runs the migrations.
        try (App.RunningServer a = start(env.apply("a"), dirA); App.RunningServer b = start(env.apply("b"), dirB)) {
            String storyId = createStory(a);
            databases.put(TWO_NODES, databaseOf(a));
            if (!knowsStory(b, storyId)) {
                return SseResult.notRun(TWO_NODES, settings, "node B does not see the story created on node A: the nodes do not"
                        + " share a database (database + bus on A: " + databaseOf(a) + ")");
            }
            return new SseRun(settings, run).measure(TWO_NODES, address(a), storyId, b.events());
        }
    }

    /**
     * Every client connects from loopback, so the stream caps (per address, and a quarter of the open-file
     * limit in all) are raised to the client count: the benchmark measures delivery, not the caps.
     */
    private App.RunningServer start(Map<String, String> env, Path dataDir) throws IOException {
        Map<String, String> withRoom = new java.util.HashMap<>(env);
        withRoom.put("SSE_MAX_CONNECTIONS", String.valueOf(settings.clients() + 16));
        withRoom.put("SSE_MAX_PER_USER", String.valueOf(settings.clients() + 16));
        return new App(Config.load(withRoom, null), Clock.systemUTC()).serve("127.0.0.1", 0, dataDir);
    }

    private static InetSocketAddress address(App.RunningServer node) {
        return new InetSocketAddress("127.0.0.1", node.port());
    }

    /** Submits a quiz the way the web UI does; the new story's id. */
    private static String createStory(App.RunningServer node) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(node, HttpRequest.newBuilder(uri(node, "/submit"))
                .POST(HttpRequest.BodyPublishers.ofString(QUIZ)).header("Content-Type", "application/json"));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST /submit answered " + answer.statusCode() + ": " + answer.body());
        }
        return MAPPER.readTree(answer.body()).get("story_id").asText();
    }

    private static boolean knowsStory(App.RunningServer node, String storyId) throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(uri(node, "/story/" + storyId)).GET()).statusCode() == 200;
    }

    /** The database and event bus adapters the node's /health reports, as {@code database + bus}. */
    private static String databaseOf(App.RunningServer node) throws IOException, InterruptedException {
        JsonNode health = MAPPER.readTree(send(node, HttpRequest.newBuilder(uri(node, "/health")).GET()).body());
        return health.at("/database/adapter").asText("?") + " + " + health.at("/events/adapter").asText("?");
    }

    private static HttpResponse<String> send(App.RunningServer node, HttpRequest.Builder request) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static URI uri(App.RunningServer node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    private static void print(PrintWriter out, List<SseResult> results, Map<String, String> databases) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("", results, SseResult::mode));
        rows.add(row("database + bus (/health)", results, r -> databases.getOrDefault(r.mode(), "-")));
        rows.add(row("clients connected", results, r -> r.connected() + "/" + r.clients()));
        rows.add(row("delivered/expected", results, r -> r.delivered() + "/" + r.expected()));
        rows.add(row("lost", results, r -> String.valueOf(r.lost())));
        rows.add(row("duplicated", results, r -> String.valueOf(r.duplicates())));
        rows.add(row("out of order", results, r -> String.valueOf(r.outOfOrder())));
        rows.add(row("clients complete", results, r -> r.complete() + "/" + r.clients()));
        rows.add(row("latency p50", results, r -> millis(r.latencyMillis(50))));
        rows.add(row("latency p99", results, r -> millis(r.latencyMillis(99))));
        rows.add(row("latency max", results, r -> millis(r.latencyMillis(100))));
        rows.add(row("emit() call p50", results, r -> millis(r.emitMillis(50))));
        rows.add(row("emit() call p99", results, r -> millis(r.emitMillis(99))));
        rows.add(row("emit() call max", results, r -> millis(r.emitMillis(100))));
        rows.add(row("emitted per second (asked)", results, r -> Double.isNaN(r.achievedRate()) ? "-"
                : String.format("%.1f (%.1f)", r.achievedRate(), r.askedRate())));
        int first = rows.stream().mapToInt(cells -> cells[0].length()).max().orElse(0);
        int width = rows.stream().flatMap(cells -> Stream.of(cells).skip(1)).mapToInt(String::length).max().orElse(0) + 3;
        for (String[] cells : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + first + "s", cells[0]));
            for (int i = 1; i < cells.length; i++) {
                line.append(String.format("%" + width + "s", cells[i]));
            }
            out.println(line);
        }
        for (SseResult result : results) {
            for (String problem : result.problems()) {
                out.println(result.mode() + ": " + problem);
            }
            if (result.achievedRate() < 0.9 * result.askedRate()) {
                out.printf("%s: the emitter managed %.1f events/s, not the %.1f asked: each emit() call returned only after"
                        + " %.0f ms (p50), so events were emitted as fast as emit() allowed%n", result.mode(), result.achievedRate(),
                        result.askedRate(), result.emitMillis(50));
            }
            if (!result.clean() && result.problems().isEmpty()) {
                out.println(result.mode() + ": LOSS - not every client got every event exactly once and in order");
            }
        }
        out.flush();
    }

    private static String[] row(String label, List<SseResult> results, Function<SseResult, String> cell) {
        String[] cells = new String[results.size() + 1];
        cells[0] = label;
        for (int i = 0; i < results.size(); i++) {
            cells[i + 1] = cell.apply(results.get(i));
        }
        return cells;
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f ms", value);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
