package fableforge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads an SSE stream on its own thread and keeps every event, for a test to wait on and check. */
final class EventRecorder implements AutoCloseable {

    record Event(long id, String name, JsonNode data) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new ArrayList<>();
    private final Thread reader;

    EventRecorder(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    private void read() {
        long id = -1;
        String name = null;
        String data = null;
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4).strip());
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7).strip();
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                } else if (line.isEmpty() && name != null) {
                    Event event = new Event(id, name, MAPPER.readTree(data == null ? "{}" : data));
                    synchronized (events) {
                        events.add(event);
                        events.notifyAll();
                    }
                    id = -1;
                    name = null;
                    data = null;
                }
            }
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    long count(String name) {
        return events().stream().filter(event -> event.name().equals(name)).count();
    }

    /** Waits until the events seen so far satisfy {@code condition}. */
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

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
