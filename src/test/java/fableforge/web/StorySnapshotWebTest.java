package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.spend.Charge;
import fableforge.spend.SpendLedger;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /story} from its snapshot (issue 14): a strong ETag per version, 304 on If-None-Match, a new
 * tag when the story or the day's spend it shows changes, gzip, HEAD, and the lean default body with the
 * prompt texts behind {@code ?include=prompts}. One app; each test seeds the stories it changes.
 */
class StorySnapshotWebTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path data;

    private static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(Map.of(), data);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void anUnchangedStoryAnswers304ToItsOwnTagToStarAndToAListHoldingIt() throws Exception {
        String id = ApprovedStories.seed(app, data);
        HttpResponse<byte[]> first = app.fetch(app.uri("/story/" + id));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(first.headers().firstValue("Vary")).contains("Accept-Encoding");

        for (String ifNoneMatch : new String[] {etag, "*", "\"other\", " + etag, "W/" + etag}) {
            HttpResponse<byte[]> again = app.fetch(app.uri("/story/" + id), "If-None-Match", ifNoneMatch);
            assertThat(again.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).contains(etag);
        }
        assertThat(app.fetch(app.uri("/story/" + id), "If-None-Match", "\"0-0\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aNewEventAndSpendElsewhereEachGiveANewTagAndTheBodyShowsTheSpend() throws Exception {
        String id = ApprovedStories.seed(app, data);
        String before = etagOf(id);
        assertThat(etagOf(id)).as("nothing changed").isEqualTo(before);

        app.server().events().emit(id, new fableforge.wire.EventPayload.AllApproved(id), "all_approved:again");
        String afterEvent = etagOf(id);
        assertThat(afterEvent).isNotEqualTo(before);

        // Another story's paid call: no event of this story, yet its cost shows the day's total.
        new SpendLedger(app.server().database().jdbi(), Clock.systemUTC(), Optional.empty()).record(new Charge("another-story", "image",
                "openai", "some-model", "1024x1536", Optional.of(new BigDecimal("0.25"))));
        HttpResponse<byte[]> afterSpend = app.fetch(app.uri("/story/" + id), "If-None-Match", afterEvent);
        assertThat(afterSpend.statusCode()).isEqualTo(200);
        assertThat(afterSpend.headers().firstValue("ETag")).isNotEqualTo(Optional.of(afterEvent));
        assertThat(MAPPER.readTree(afterSpend.body()).get("cost").get("today_usd").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void gzipIsTheSameDocumentUnderItsOwnTagAndHeadAnswersLikeGetWithoutABody() throws Exception {
        String id = ApprovedStories.seed(app, data);
        HttpResponse<byte[]> plain = app.fetch(app.uri("/story/" + id));
        HttpResponse<byte[]> zipped = app.fetch(app.uri("/story/" + id), "Accept-Encoding", "br;q=1, gzip;q=0.5");
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length / 4);
        assertThat(app.fetch(app.uri("/story/" + id), "Accept-Encoding", "gzip;q=0, *").headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<String> head = app.send("HEAD", "/story/" + id, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(plain.body().length);
        assertThat(head.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void versionsCarryTheirPromptTextsOnlyWhenAskedForAndAnUnknownIncludeIsA400() throws Exception {
        String id = ApprovedStories.seed(app, data);
        JsonNode lean = app.get("/story/" + id);
        JsonNode shown = lean.get("images").get("1");
        JsonNode version = shown.get("attempts").get(0);
        assertThat(shown.has("requested_prompt")).as("the version shown keeps its texts").isTrue();
        assertThat(version.has("prompt")).isTrue();
        assertThat(version.has("requested_prompt") || version.has("final_prompt") || version.has("prompt_changes")).isFalse();

        HttpResponse<byte[]> full = app.fetch(app.uri("/story/" + id + "?include=prompts"));
        JsonNode fullVersion = MAPPER.readTree(full.body()).get("images").get("1").get("attempts").get(0);
        assertThat(fullVersion.get("requested_prompt").asText()).isEqualTo(shown.get("requested_prompt").asText());
        assertThat(full.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etagOf(id)));

        TestApp.Response bad = new TestApp.Response(app.send("GET", "/story/" + id + "?include=secrets", null).statusCode(),
                app.send("GET", "/story/" + id + "?include=secrets", null).body());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("message").asText()).contains("include").contains("prompts");
    }

    @Test
    void anUnknownStoryIs404EvenForIfNoneMatchStar() throws Exception {
        HttpResponse<byte[]> missing = app.fetch(app.uri("/story/0123456789abcdef0123456789abcdef"), "If-None-Match", "*");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("ETag")).isEmpty();
    }

    private static String etagOf(String id) throws Exception {
        return app.fetch(app.uri("/story/" + id)).headers().firstValue("ETag").orElseThrow();
    }
}
