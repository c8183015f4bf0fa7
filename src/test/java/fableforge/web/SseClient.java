package fableforge.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one reader of a server-sent event stream in the tests: it reads the stream on its own thread and
 * keeps every event and comment, for a test to wait on and check. Fields are read as the SSE spec says
 * ({@code field: value} or {@code field:value}, several {@code data} lines joined by a newline), and an
 * event is dispatched on the blank line that ends it.
 */
final class SseClient implements AutoCloseable {

    /** One dispatched event: its {@code id} (-1 when it had none), its name and its data read as JSON. */
    record Event(long id, String name, JsonNode data) {
    }

    /** A comment line ({@code : heartbeat}), and how many events had come before it. */
    record Comment(String text, int eventsBefore) {
    }

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final Thread reader;

    SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    private void read() {
        long id = -1;
        String name = null;
        StringBuilder data = null;
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        dispatch(new Event(id, name == null ? "message" : name, TestApp.json(data == null ? "{}" : data.toString())));
                    }
                    id = -1;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    synchronized (events) {
                        comments.add(new Comment(line.substring(1).strip(), events.size()));
                        events.notifyAll();
                    }
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
                    switch (field) {
                        case "id" -> id = Long.parseLong(value.strip());
                        case "event" -> name = value.strip();
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { } // retry and unknown fields carry nothing a test reads
                    }
                }
            }
        } catch (Exception closed) {
            // the test closed the stream, or the server went away
        }
    }

    private void dispatch(Event event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<String> names() {
        return events().stream().map(Event::name).toList();
    }

    long count(String name) {
        return events().stream().filter(event -> event.name().equals(name)).count();
    }

    /** Waits until the events seen so far satisfy {@code condition}; fails with what came when they never do. */
    List<Event> await(Predicate<List<Event>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (!condition.test(events)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the event stream did not get there within " + timeout + "; it had "
                            + events.stream().map(Event::name).toList());
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(events);
        }
    }

    /** The events up to and including the first one named {@code name}, once it has come. */
    List<Event> awaitEvent(String name, Duration timeout) throws InterruptedException {
        List<Event> seen = await(list -> list.stream().anyMatch(event -> event.name().equals(name)), timeout);
        int at = seen.stream().map(Event::name).toList().indexOf(name);
        return seen.subList(0, at + 1);
    }

    List<Event> awaitEvent(String name) throws InterruptedException {
        return awaitEvent(name, DEFAULT_WAIT);
    }

    /** The first comment line (a heartbeat), once it has come. */
    Comment awaitComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (comments.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no comment within " + timeout + "; the stream had " + events.stream().map(Event::name).toList());
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
            return comments.get(0);
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
