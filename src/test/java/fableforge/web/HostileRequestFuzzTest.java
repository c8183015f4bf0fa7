package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import fableforge.App;
import fableforge.Config;
import fableforge.auth.Accounts;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seeded generator sends 800 hostile requests: every method on every route and on random paths,
 * bodies that are valid then mutated (broken JSON, wrong types, huge strings, control characters, duplicate
 * keys, trailing content, other encodings), and headers (content types, charsets, Host, Origin,
 * Sec-Fetch-Site, Range, Accept), every kind of each drawn at least once (checked). Whatever comes, no
 * answer is a 5xx, every 4xx is JSON with an error and a message, and after every 4xx the stories read
 * exactly as before.
 *
 * <p>Replay a run with {@code -DFUZZ_SEED=<seed>} (the seed is printed). Requests that are accepted (2xx)
 * are allowed to change things; the test then waits for the images they start and takes a new snapshot.
 * The last image of the drawn story is never approved, so no video render (tens of seconds) starts.
 *
 * <p>It runs twice: without accounts, and with {@code AUTH_MODE=accounts}, where requests carry the owner's
 * token, another user's, a made-up one or none, and the sign-in endpoints are driven too; accounts and
 * sign-in links then count as state that a refused request must not change.
 */
@ParameterizedClass(name = "accounts: {0}")
@ValueSource(booleans = {false, true})
class HostileRequestFuzzTest {

    /**
     * Enough for every kind of request to come many times over (the rarest, one of the 8 mutations of a
     * body, about 12 times; the test checks that none is missing): 2,000 a run cost the suite minutes of CPU.
     */
    private static final int REQUESTS = 800;

    @Parameter
    boolean withAccounts;

    @TempDir
    Path data;

    private TestApp app;
    private Accounts.NewAccount ada;
    private Accounts.NewAccount bob;
    private String bobsLink;
    private java.sql.Connection store;
    private int port;
    private String fresh;
    private List<String> freshScenes;
    private String drawn;
    private String imageKey;

    private void start() throws Exception {
        Map<String, String> env = withAccounts ? Map.of("AUTH_MODE", "accounts") : Map.of();
        app = TestApp.start(env, data);
        port = app.server().port();
        TestApp owner = app;
        if (withAccounts) {
            Accounts accounts = App.accounts(Config.load(env, data.resolve("none.env")), app.server().database(), port, Clock.systemUTC());
            ada = accounts.add("ada", false);
            bob = accounts.add("bob", false);
            accounts.setPasswordWithLink(AccountsApp.linkOf(ada), HostileRequests.PASSWORD);
            bobsLink = AccountsApp.linkOf(bob);
            owner = app.withToken(ada.token());
        }
        JsonNode submitted = owner.submit(TestApp.redFoxQuiz());
        fresh = submitted.get("story_id").asText();
        freshScenes = TestApp.sceneTexts(submitted);
        // Drawn straight into the store (ada's with accounts): the requests are the subject, not the drawing.
        drawn = withAccounts ? ApprovedStories.seedDrawn(app, data, ada.account().id()) : ApprovedStories.seedDrawn(app, data);
        JsonNode story = owner.story(drawn);
        imageKey = story.get("images").get("2").get("url").asText().substring("/media/".length());
        org.sqlite.SQLiteConfig readOnly = new org.sqlite.SQLiteConfig();
        readOnly.setReadOnly(true);
        store = readOnly.createConnection("jdbc:sqlite:" + data.resolve(fableforge.store.Database.FILE_NAME));
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void noHostileRequestGetsA5xxAndNoRefusedOneChangesAnything() throws Exception {
        start();
        long seed = Long.getLong("FUZZ_SEED", 20261203L); // fixed, so a red run reruns the same requests; explore with -DFUZZ_SEED=n
        System.out.println("HostileRequestFuzzTest FUZZ_SEED=" + seed);
        Random random = new Random(seed);
        HostileRequests requests = new HostileRequests(port, fresh, freshScenes, drawn, imageKey, ada, bob, bobsLink);
        Map<Integer, Integer> statuses = new TreeMap<>();
        String snapshot = snapshot();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequests.Request request = requests.next(random);
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(port, request.method(), request.target(), request.body(), request.headers());
            } catch (java.io.IOException e) {
                throw new AssertionError("request " + i + " (FUZZ_SEED=" + seed + ") got no answer: " + request, e);
            }
            if (i % 250 == 0) {
                System.out.printf("HostileRequestFuzzTest: %d requests after %.1f s%n", i, (System.nanoTime() - started) / 1e9);
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            String what = "request " + i + " (FUZZ_SEED=" + seed + "): " + request;
            assertThat(answer.status()).as(what + " -> " + answer.body()).isLessThan(500);
            if (answer.status() >= 400) {
                assertThat(answer.header("Content-Type")).as(what + " -> " + answer.status() + " " + answer.headers() + " " + answer.body()).startsWith("application/json");
                if (!request.method().equals("HEAD")) {
                    JsonNode error = TestApp.json(answer.body());
                    assertThat(error.path("error").asText()).as(what).isNotBlank();
                    assertThat(error.path("message").asText()).as(what).isNotBlank();
                }
                assertThat(snapshot()).as("state after " + what).isEqualTo(snapshot);
            } else if (HostileRequests.WRITES.contains(request.method())) {
                snapshot = settled();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("HostileRequestFuzzTest (accounts: %s): %d requests in %.1f s, by status %s%n", withAccounts, REQUESTS, seconds, statuses);
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
        assertThat(requests.undrawn()).as("kinds of request never drawn in %d requests (FUZZ_SEED=%d)", REQUESTS, seed).isEmpty();
    }

    /**
     * Everything a refused request must not change: every row of the tables that hold stories, scenes,
     * image attempts, events, spend and videos, read straight from the database (node leases, renewed
     * in the background, are left out).
     */
    private String snapshot() throws Exception {
        StringBuilder rows = new StringBuilder();
        List<String> tables = new ArrayList<>(List.of("story", "scene", "image_attempt", "story_event", "spend", "video"));
        if (withAccounts) {
            // Tokens and sessions keep when they were last used, which any request may touch; the accounts
            // (their passwords) and the sign-in links are what a refused request must leave alone.
            tables.addAll(List.of("account", "signin_link"));
        }
        for (String table : tables) {
            try (var statement = store.createStatement(); var result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
                int columns = result.getMetaData().getColumnCount();
                rows.append(table).append('\n');
                while (result.next()) {
                    for (int column = 1; column <= columns; column++) {
                        rows.append(result.getString(column)).append('|');
                    }
                    rows.append('\n');
                }
            }
        }
        return rows.toString();
    }

    private boolean workPending() throws Exception {
        try (var statement = store.createStatement(); var result = statement.executeQuery(
                "SELECT (SELECT COUNT(*) FROM image_attempt WHERE status IN ('queued', 'running'))"
                        + " + (SELECT COUNT(*) FROM video WHERE status IN ('queued', 'running'))")) {
            return result.next() && result.getInt(1) > 0;
        }
    }

    /** After an accepted write: waits until no image is queued or being drawn, and the state holds still. */
    private String settled() throws Exception {
        // A guard against a hang, like TestApp's: an accepted approval draws 20 images, which took over 60 s
        // with the suite and other builds sharing two cores (the stories "did not settle" at 60 s).
        long deadline = System.nanoTime() + TestApp.STORY_WAIT.toNanos();
        String previous = "";
        while (System.nanoTime() < deadline) {
            // Idle first, then the snapshot: read the other way round, an image finishing between the two
            // reads leaves a snapshot that still shows it running.
            boolean idle = !workPending();
            String now = snapshot();
            if (idle && now.equals(previous)) {
                return now;
            }
            previous = now;
            Thread.sleep(50);
        }
        throw new AssertionError("the stories did not settle after an accepted request");
    }
}
