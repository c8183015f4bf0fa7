package fableforge.fake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A provider's file store on the fake's server: hands out signed-looking, short-lived links to a
 * task's clip ({@code /files/<task>/<serial>.mp4}) and serves them. The first {@link #expireFirst}
 * links answer 403 as an expired signed URL does. A download that carries an Authorization header
 * is refused and noted: the provider's key is none of the file store's business.
 */
final class FakeFileStore {

    static final String PATH = "/files/([^/]+)/(\\d+)\\.mp4";

    private final FakeServer server;
    private final AtomicInteger serials = new AtomicInteger();
    private final Map<String, byte[]> clips = new ConcurrentHashMap<>();
    private final Map<Integer, String> tasksBySerial = new ConcurrentHashMap<>();
    private final List<String> problems;
    private final Consumer<String> downloaded;
    private volatile int expireFirst;

    FakeFileStore(FakeServer server, List<String> problems, Consumer<String> downloaded) {
        this.server = server;
        this.problems = problems;
        this.downloaded = downloaded;
        server.on("GET", PATH, this::serve);
    }

    /** A new link to {@code clip} as the file of {@code task}. */
    String link(String task, byte[] clip) {
        clips.put(task, clip);
        int serial = serials.incrementAndGet();
        tasksBySerial.put(serial, task);
        // The task's name in the link keeps only URL-safe characters: a task id may be anything.
        return server.url() + "/files/" + task.replaceAll("[^A-Za-z0-9-]", "_") + "/" + serial + ".mp4";
    }

    void expireFirst(int links) {
        expireFirst = links;
    }

    int downloads() {
        return (int) server.requests("GET", PATH).stream().filter(r -> r.header("authorization") == null).count();
    }

    private FakeServer.Reply serve(FakeServer.Recorded request) {
        String[] parts = request.path().split("/");
        int serial = Integer.parseInt(parts[3].replace(".mp4", ""));
        String task = tasksBySerial.getOrDefault(serial, parts[2]);
        if (request.header("authorization") != null) {
            problems.add("the download of " + task + " carried an Authorization header");
            return FakeServer.Reply.bytes(400, "application/xml", "<Error><Code>InvalidArgument</Code></Error>".getBytes());
        }
        if (serial <= expireFirst) {
            return FakeServer.Reply.bytes(403, "application/xml",
                    "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>".getBytes());
        }
        byte[] clip = clips.get(task);
        if (clip == null) {
            return FakeServer.Reply.bytes(404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>".getBytes());
        }
        downloaded.accept(task);
        return FakeServer.Reply.bytes(200, "video/mp4", clip);
    }

    static List<String> problemList() {
        return new CopyOnWriteArrayList<>();
    }
}
