package fableforge.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider fake on loopback: routes by method and path, records every request it gets, and answers
 * through a handler, or first through a queue of scripted answers (e.g. three 429s, then the handler).
 * Provider fakes build on it and add their contract's checks and answers.
 */
public final class FakeServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedDeque<Reply>> scripted = new ConcurrentHashMap<>();

    public FakeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose method matches and whose path matches the regex {@code pathPattern}. */
    public FakeServer on(String method, String pathPattern, Function<Recorded, Reply> handler) {
        routes.add(new Route(method, pathPattern, handler));
        return this;
    }

    /** The next calls to the matching route get these answers, in order, before its handler answers again. */
    public FakeServer script(String method, String pathPattern, Reply... replies) {
        scripted.computeIfAbsent(method + " " + pathPattern, key -> new ConcurrentLinkedDeque<>()).addAll(List.of(replies));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method, String pathPattern) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPattern)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(),
                lowerCaseHeaders(exchange), exchange.getRequestBody().readAllBytes(), System.nanoTime());
        requests.add(request);
        Reply reply;
        try {
            reply = answer(request);
        } catch (RuntimeException e) {
            reply = Reply.json(500, "{\"error\":{\"message\":\"fake failed: " + e.getMessage().replace("\"", "'") + "\"}}");
        }
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = reply.body();
        try {
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException clientGone) {
            // The adapter gave up (its timeout): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private Reply answer(Recorded request) {
        for (Route route : routes) {
            if (route.method().equals(request.method()) && request.path().matches(route.pathPattern())) {
                ConcurrentLinkedDeque<Reply> queue = scripted.get(route.method() + " " + route.pathPattern());
                Reply next = queue == null ? null : queue.pollFirst();
                return next != null ? next : route.handler().apply(request);
            }
        }
        return Reply.json(404, "{\"error\":{\"message\":\"no route for " + request.method() + " " + request.path() + "\"}}");
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), new ArrayList<>(values)));
        return headers;
    }

    private record Route(String method, String pathPattern, Function<Recorded, Reply> handler) {
    }

    /** A request as the fake received it. Header names are lower case. */
    public record Recorded(String method, URI uri, Map<String, List<String>> headers, byte[] body, long receivedNanos) {
        public String path() {
            return uri.getPath();
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, headers, body and an optional delay before it is sent (a slow provider). */
    public record Reply(int status, Map<String, String> headers, byte[] body, Duration delay) {
        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        public static Reply bytes(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> copy = new java.util.HashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, Map.copyOf(copy), body, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }
}
