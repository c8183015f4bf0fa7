package fableforge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N pollers, each one request after the other on a kept-alive connection of one JDK HTTP client, for a
 * fixed time: requests per second, latency percentiles, the bytes of each answer and any unexpected status.
 */
final class Pollers {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** What one run measured; latencies in microseconds. */
    record Figures(String what, long requests, double seconds, long p50Micros, long p99Micros, long bytesPerAnswer,
                   int status, long unexpected, String firstProblem) {

        double perSecond() {
            return requests / seconds;
        }
    }

    private final int clients;

    Pollers(int clients) {
        this.clients = clients;
    }

    /**
     * Polls {@code uri} with {@code headers} for {@code duration} from every poller at once.
     *
     * @param expected the status every answer should have (200, or 304 when revalidating)
     */
    Figures run(String what, URI uri, Map<String, String> headers, int expected, Duration duration) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        List<Future<Poller>> running = new ArrayList<>();
        long started = System.nanoTime();
        long until = started + duration.toNanos();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                running.add(threads.submit(() -> new Poller().poll(client, request, expected, until)));
            }
            List<Poller> done = new ArrayList<>();
            for (Future<Poller> future : running) {
                try {
                    done.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a poller failed", e.getCause());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return summarize(what, done, seconds, expected);
        }
    }

    private static Figures summarize(String what, List<Poller> done, double seconds, int expected) {
        int count = done.stream().mapToInt(p -> p.count).sum();
        long[] all = new long[count];
        int at = 0;
        long bytes = 0;
        long unexpected = 0;
        String problem = null;
        for (Poller poller : done) {
            System.arraycopy(poller.micros, 0, all, at, poller.count);
            at += poller.count;
            bytes += poller.bytes;
            unexpected += poller.unexpected;
            problem = problem != null ? problem : poller.problem;
        }
        Arrays.sort(all);
        long p50 = count == 0 ? 0 : all[(int) Math.min(count - 1, Math.round(count * 0.50))];
        long p99 = count == 0 ? 0 : all[(int) Math.min(count - 1, Math.round(count * 0.99))];
        return new Figures(what, count, seconds, p50, p99, count == 0 ? 0 : bytes / count, expected, unexpected, problem);
    }

    /** One poller's latencies, kept in a growing array so a long run costs no boxing. */
    private static final class Poller {
        long[] micros = new long[4096];
        int count;
        long bytes;
        long unexpected;
        String problem;

        Poller poll(HttpClient client, HttpRequest request, int expected, long until) {
            while (System.nanoTime() < until) {
                long start = System.nanoTime();
                try {
                    HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = (System.nanoTime() - start) / 1_000;
                    if (answer.statusCode() != expected) {
                        unexpected++;
                        problem = problem != null ? problem : "answered " + answer.statusCode() + " where " + expected + " was expected";
                        continue;
                    }
                    if (count == micros.length) {
                        micros = Arrays.copyOf(micros, count * 2);
                    }
                    micros[count++] = took;
                    bytes += answer.body().length;
                } catch (IOException e) {
                    unexpected++;
                    problem = problem != null ? problem : e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return this;
        }
    }
}
