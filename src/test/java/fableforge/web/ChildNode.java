package fableforge.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code fableforge serve} in its own JVM, so a test can kill it with SIGKILL like a crash. */
record ChildNode(Process process, int port) {

    /** What {@code serve} prints once it listens, as the web app or as a worker (tests log only errors, so not the log line). */
    private static final Pattern LISTENING = Pattern.compile("is running.*http://localhost:(\\d+)/");
    private static final AtomicInteger STARTED = new AtomicInteger();

    /**
     * Starts a node on a port the kernel picks ({@code --port 0}) and reads the port from its log: a port
     * picked here and bound by the child later could be taken in between by a test running alongside.
     */
    static ChildNode start(Path data, Map<String, String> env, String... options) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "fableforge.cli.Main", "serve", "--host", "127.0.0.1", "--port", "0", "--data", data.toString()));
        command.addAll(List.of(options));
        Path log = data.resolve("server-" + ProcessHandle.current().pid() + "-" + STARTED.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        ChildNode node = new ChildNode(process, listeningPort(process, log));
        node.awaitHealthy();
        return node;
    }

    private static int listeningPort(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher listening = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (listening.find()) {
                    return Integer.parseInt(listening.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server did not say where it listens within 120 s (a hang guard: a JVM starting on a busy machine is slow); its output: "
                + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "none"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void awaitHealthy() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue());
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url("/health"))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not start within 60 s");
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
