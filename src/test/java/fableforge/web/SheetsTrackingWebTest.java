package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.fake.FakeGoogleSheets;
import fableforge.fake.FakeGoogleSheets.Failure;
import fableforge.testing.SharedResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A whole story through the web API with Google Sheets tracking on, against the fake Google. */
@ResourceLock(SharedResources.TRACKING_RELAY_LOG) // its relay warns while Sheets refuses, which TrackingRelayTest counts
class SheetsTrackingWebTest {

    private static final String SHEET_ID = "1TrackingSheet-for-the-web-flow-test";

    @TempDir
    Path data;

    private final FakeGoogleSheets google = new FakeGoogleSheets(SHEET_ID, "Sheet1!A1");
    private TestApp app;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> env = Map.of(
                "USE_GOOGLE_AUTH", "true",
                "GOOGLE_SHEET_ID", SHEET_ID,
                "GOOGLE_APPLICATION_CREDENTIALS", google.writeServiceAccount(data.resolve("service-account.json")).toString(),
                "GOOGLE_TOKEN_URL", google.tokenUrl(),
                "GOOGLE_SHEETS_ROOT_URL", google.rootUrl(),
                "GOOGLE_SHEETS_POLL_MS", "50",
                "GOOGLE_SHEETS_MAX_BACKOFF_MS", "400");
        app = TestApp.start(env, data);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        google.close();
    }

    @Test
    void aStoryFromQuizToLastApprovalFillsTheSheet() throws Exception {
        String id = storyFromQuizToAllApproved();

        await(() -> rows(id, "all_approved").size() == 1);
        assertThat(rows(id, "story_created")).hasSize(1);
        assertThat(rows(id, "scenes_approved")).hasSize(1);
        List<List<JsonNode>> images = rows(id, "image_ready");
        assertThat(images).hasSize(20);
        assertThat(images).allSatisfy(row -> {
            assertThat(row.get(3).asText()).isEqualTo("Ember");
            assertThat(row.get(8).asText()).as("prompt").contains("Scene " + row.get(5).asInt() + " of 20");
            assertThat(row.get(9).asText()).as("image URL").startsWith("/media/");
        });
        assertThat(images.stream().map(row -> row.get(5).asInt()).distinct()).hasSize(20);
        List<List<JsonNode>> approvals = rows(id, "approval_update");
        assertThat(approvals).hasSize(20).allSatisfy(row -> assertThat(row.get(6).asText()).isEqualTo("approved"));
        assertThat(approvals.get(19).get(10).asText()).isEqualTo("20/20 approved");
        assertThat(rows(id, "story_complete")).hasSize(1);
        assertThat(google.rows().get(0).get(2).asText()).isEqualTo("story_created");
        assertThat(google.rows().stream().map(row -> row.get(11).asText()).distinct()).hasSize(google.rows().size());
        await(() -> health().get("backlog").asLong() == 0);
        assertThat(health().get("adapter").asText()).isEqualTo("google-sheets");
        assertThat(health().get("last_error").isNull()).isTrue();
    }

    @Test
    void aStoryCompletesWhileSheetsRefusesAndItsRowsArriveAfterwards() throws Exception {
        google.failWith(Failure.PERMISSION_DENIED);

        String id = storyFromQuizToAllApproved();

        assertThat(google.rows()).isEmpty();
        JsonNode failing = health();
        assertThat(failing.get("last_error").asText()).contains("403").contains(FakeGoogleSheets.CLIENT_EMAIL);
        assertThat(failing.get("backlog").asLong()).isGreaterThanOrEqualTo(44);
        assertThat(failing.has("failing_since")).isTrue();

        google.recover();
        await(() -> rows(id, "all_approved").size() == 1);
        assertThat(rows(id, "image_ready")).hasSize(20);
        assertThat(rows(id, "approval_update")).hasSize(20);
        assertThat(google.rows().get(0).get(2).asText()).isEqualTo("story_created");
        assertThat(google.rows().stream().map(row -> row.get(11).asText()).distinct()).hasSize(google.rows().size());
        await(() -> health().get("last_error").isNull());
    }

    private String storyFromQuizToAllApproved() throws Exception {
        String id = app.submitAndApprove(TestApp.redFoxQuiz());
        app.waitForStatus(id, "images_ready");
        app.approveEveryImage(id);
        assertThat(app.waitForStatus(id, "all_approved").get("status").asText()).isEqualTo("all_approved");
        return id;
    }

    private List<List<JsonNode>> rows(String storyId, String event) {
        return google.rows().stream().filter(row -> row.get(1).asText().equals(storyId) && row.get(2).asText().equals(event)).toList();
    }

    private JsonNode health() throws Exception {
        return app.get("/health").get("providers").get("tracking");
    }

    private void await(Check condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s; sheet has " + google.rows().size() + " rows");
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
