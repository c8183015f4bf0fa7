package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each hostile request of issue 13 gets a JSON 4xx that says what to fix, and changes nothing: the two
 * stories (one with its scenes waiting for approval, one with its 20 images drawn) read the same after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardenedInputTest {

    private TestApp app;
    private int port;
    private String fresh;
    private List<String> freshScenes;
    private String drawn;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        app = TestApp.start(Map.of(), data);
        port = app.server().port();
        JsonNode submitted = app.submit(TestApp.redFoxQuiz());
        fresh = submitted.get("story_id").asText();
        freshScenes = TestApp.sceneTexts(submitted);
        drawn = ApprovedStories.seedDrawn(app, data);
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    /** Sends the request, expects a JSON error with {@code status} and {@code code}, and both stories unchanged. */
    private RawHttp.Answer refused(int status, String code, String method, String path, byte[] body, String... headers) throws Exception {
        JsonNode freshBefore = app.story(fresh);
        JsonNode drawnBefore = app.story(drawn);
        int storiesBefore = app.get("/api/stories").get("stories").size();
        RawHttp.Answer answer = RawHttp.send(port, method, path, body, headers);
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
        JsonNode error = TestApp.json(answer.body());
        assertThat(error.get("error").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank()
                .doesNotContain("com.fasterxml", "Source:", "org.eclipse", "java.", "/tmp", "/work", "Exception");
        assertThat(app.story(fresh)).isEqualTo(freshBefore);
        assertThat(app.story(drawn)).isEqualTo(drawnBefore);
        assertThat(app.get("/api/stories").get("stories").size()).isEqualTo(storiesBefore);
        return answer;
    }

    private RawHttp.Answer refused(int status, String code, String method, String path, String body, String... headers) throws Exception {
        return refused(status, code, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private String approval() {
        ObjectNode approval = TestApp.jsonObject().put("story_id", fresh);
        freshScenes.forEach(approval.putArray("scenes")::add);
        return approval.toString();
    }

    private String approvalWithScene(int index, String text) {
        ObjectNode approval = TestApp.jsonObject().put("story_id", fresh);
        for (int i = 0; i < freshScenes.size(); i++) {
            approval.withArray("scenes").add(i == index ? text : freshScenes.get(i));
        }
        return unescapeSurrogate(approval.toString());
    }

    /** A lone surrogate has no UTF-8 form, so it travels as a JSON escape: written with a doubled backslash and un-doubled here. */
    private static String unescapeSurrogate(String json) {
        return json.replace("\\\\ud800", "\\ud800");
    }

    @Test
    void aStreamRequestWithAnUnreadableCharsetIsStillAnsweredNotCrashed() throws Exception {
        // Javalin's query parameters look the request's charset up first and threw on this one (a 500).
        refused(404, "not_found", "GET", "/stream?channel=0123456789ABCDEF0123456789ABCDEF", (String) null,
                "Accept", "text/event-stream", "Content-Type", "application/json; charset");
    }

    @Test
    void bodiesThatAreNotJsonGet415OnEveryPost() throws Exception {
        String approve = "{\"action\":\"approve\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json")) {
            refused(415, "unsupported_media_type", "POST", "/approve_scenes", approval(), "Content-Type", type);
            refused(415, "unsupported_media_type", "POST", "/approve_image/" + drawn + "/3", approve, "Content-Type", type);
            refused(415, "unsupported_media_type", "POST", "/submit", TestApp.redFoxQuiz().toString(), "Content-Type", type);
        }
        refused(415, "unsupported_media_type", "POST", "/approve_image/" + drawn + "/3", approve);
    }

    @Test
    void aBogusOrForeignCharsetIs415NeverA500() throws Exception {
        for (String type : List.of("application/json; charset=bogus", "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16", "application/json; charset", "application/json; charset=\"", "application/json;;=")) {
            refused(415, "unsupported_media_type", "POST", "/submit", TestApp.redFoxQuiz().toString(), "Content-Type", type);
            refused(415, "unsupported_media_type", "POST", "/approve_scenes", approval(), "Content-Type", type);
            refused(415, "unsupported_media_type", "POST", "/generate_video/" + drawn, "{}", "Content-Type", type);
            refused(415, "unsupported_media", "POST", "/api/music", "ID3", "Content-Type", type);
        }
        refused(415, "unsupported_media", "POST", "/api/music", "ID3", "Content-Type", ";;;");
        refused(415, "unsupported_media", "POST", "/api/music", "ID3", "Content-Type", "audio/mpeg; charset=bogus");
    }

    @Test
    void utf8InAnyCaseAndParametersAreAccepted() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "POST", "/submit", TestApp.redFoxQuiz().toString(),
                "Content-Type", "Application/JSON; Charset=\"UTF-8\"");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void malformedUtf8TrailingContentAndDuplicateKeysAre400() throws Exception {
        byte[] badUtf8 = "{\"action\":\"approve\",\"reason\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        refused(400, "bad_encoding", "POST", "/approve_image/" + drawn + "/3", badUtf8, "Content-Type", "application/json");
        RawHttp.Answer trailing = refused(400, "bad_request", "POST", "/approve_image/" + drawn + "/3",
                "{\"action\":\"approve\"} {\"action\":\"reject\"}", "Content-Type", "application/json");
        assertThat(trailing.body()).contains("more after the JSON object", "line 1");
        RawHttp.Answer twice = refused(400, "bad_request", "POST", "/approve_image/" + drawn + "/3",
                "{\"action\":\"approve\",\"action\":\"reject\",\"reason\":\"style\"}", "Content-Type", "application/json");
        assertThat(twice.body()).contains("a key appears twice");
        refused(400, "bad_request", "POST", "/approve_scenes", approval() + "garbage", "Content-Type", "application/json");
        RawHttp.Answer broken = refused(400, "bad_request", "POST", "/submit", "{\"animal\": fox}", "Content-Type", "application/json");
        assertThat(broken.body()).contains("column").doesNotContain("fox");
        refused(400, "bad_request", "POST", "/submit", "[1,2]", "Content-Type", "application/json");
        refused(400, "bad_request", "POST", "/submit", "[".repeat(5_000), "Content-Type", "application/json");
    }

    @Test
    void controlCharactersAndBidiOverridesAreRefusedInEveryTextField() throws Exception {
        for (String hostile : List.of("Ember\u0000waits", "Ember \u001b[31mred", "Ember \u202Eevil", "Ember\u2066x", "x\uFFFF", "bad \\ud800 half")) {
            RawHttp.Answer scene = refused(400, "bad_request", "POST", "/approve_scenes", approvalWithScene(4, hostile),
                    "Content-Type", "application/json");
            assertThat(TestApp.json(scene.body()).get("message").asText()).startsWith("scene 5 contains").contains("at character");
            ObjectNode reject = TestApp.jsonObject().put("action", "reject").put("reason", "style").put("prompt", "A fox " + hostile);
            RawHttp.Answer prompt = refused(400, "bad_request", "POST", "/approve_image/" + drawn + "/3", unescapeSurrogate(reject.toString()),
                    "Content-Type", "application/json");
            assertThat(TestApp.json(prompt.body()).get("message").asText()).startsWith("prompt contains");
            ObjectNode quiz = TestApp.redFoxQuiz().put("hero_color", "red " + hostile);
            RawHttp.Answer answer = refused(400, "invalid_quiz", "POST", "/submit", unescapeSurrogate(quiz.toString()),
                    "Content-Type", "application/json");
            assertThat(TestApp.json(answer.body()).get("fields").get("hero_color").asText()).contains("at character");
        }
    }

    @Test
    void newlinesAndTabsStayAllowedWhereTextIsMultiLine() throws Exception {
        assertThat(fableforge.text.SafeText.problem("scene 1", "Ember waits.\n\tThen she runs.\r\n", fableforge.text.SafeText.Lines.MULTI))
                .isEmpty();
        assertThat(fableforge.text.SafeText.problem("name", "Ember\nthe fox", fableforge.text.SafeText.Lines.SINGLE)).isPresent();
        assertThat(fableforge.text.SafeText.problem("scene 1", "Ember \u200Fwaits \uD83E\uDD8A", fableforge.text.SafeText.Lines.MULTI)).isEmpty();
    }

    @Test
    void sceneNumbersAreAsciiDigitsInRange() throws Exception {
        String approve = "{\"action\":\"approve\"}";
        for (String number : List.of("%D9%A1", "%EF%BC%91", "+1", "-1", "0", "21", "1e0", "01x", "99999999999999999999")) {
            refused(400, "bad_request", "POST", "/approve_image/" + drawn + "/" + number, approve, "Content-Type", "application/json");
        }
        refused(400, "bad_request", "POST", "/approve_image/" + drawn + "/1", "{\"action\":\"approve\",\"attempt\":0}",
                "Content-Type", "application/json");
        refused(400, "bad_request", "POST", "/approve_image/" + drawn + "/1", "{\"action\":\"approve\",\"attempt\":\"\u0661\"}",
                "Content-Type", "application/json");
    }

    @Test
    void aHugeMediaKeyIsA404NotAStackOverflow() throws Exception {
        refused(404, "not_found", "GET", "/media/" + "a".repeat(4_000) + ".png", (byte[]) null);
        refused(404, "not_found", "GET", "/media/" + "a/".repeat(2_000) + "x.png", (byte[]) null);
        refused(404, "not_found", "GET", "/media/..%2F..%2Fetc%2Fpasswd", (byte[]) null);
        refused(400, "bad_request", "POST", "/generate_video/" + drawn, "{\"music_key\":\"" + "b".repeat(4_000) + "\"}",
                "Content-Type", "application/json");
    }

    @Test
    void aWrongMethodGets405JsonWithAllow() throws Exception {
        RawHttp.Answer put = refused(405, "method_not_allowed", "PUT", "/submit", "{}", "Content-Type", "application/json");
        assertThat(put.header("Allow")).contains("POST");
        RawHttp.Answer get = refused(405, "method_not_allowed", "GET", "/approve_image/" + drawn + "/1", (byte[]) null);
        assertThat(get.header("Allow")).contains("POST");
        RawHttp.Answer delete = refused(405, "method_not_allowed", "DELETE", "/story/" + drawn, (byte[]) null);
        assertThat(delete.header("Allow")).contains("GET", "HEAD");
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        for (String path : List.of("/story/" + drawn, "/api/stories", "/api/quiz", "/health")) {
            RawHttp.Answer get = RawHttp.send(port, "GET", path, (byte[]) null);
            RawHttp.Answer head = RawHttp.send(port, "HEAD", path, (byte[]) null);
            assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.body()).as(path).isEmpty();
        }
        RawHttp.Answer missing = RawHttp.send(port, "HEAD", "/story/" + "0".repeat(32), (byte[]) null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void anotherHostNameIs421SoDnsRebindingFindsNothing() throws Exception {
        RawHttp.Answer rebound = refused(421, "misdirected_request", "GET", "/api/stories", (byte[]) null, "Host", "attacker.example:" + port);
        assertThat(rebound.body()).contains("ALLOWED_HOSTS");
        refused(421, "misdirected_request", "GET", "/", (byte[]) null, "Host", "attacker.example");
        refused(421, "misdirected_request", "POST", "/approve_scenes", approval(), "Host", "localhost.attacker.example",
                "Content-Type", "application/json");
        for (String ours : List.of("localhost:" + port, "127.0.0.1", "[::1]:" + port, "LOCALHOST")) {
            assertThat(RawHttp.send(port, "GET", "/api/stories", (byte[]) null, "Host", ours).status()).as(ours).isEqualTo(200);
        }
    }

    @Test
    void crossSiteWritesAre403() throws Exception {
        String json = "application/json";
        refused(403, "cross_site", "POST", "/approve_scenes", approval(), "Content-Type", json, "Sec-Fetch-Site", "cross-site");
        refused(403, "cross_site", "POST", "/approve_scenes", approval(), "Content-Type", json, "Sec-Fetch-Site", "same-site");
        refused(403, "cross_site", "POST", "/approve_image/" + drawn + "/2", "{\"action\":\"approve\"}", "Content-Type", json,
                "Origin", "http://attacker.example");
        refused(403, "cross_site", "POST", "/approve_image/" + drawn + "/2", "{\"action\":\"approve\"}", "Content-Type", json,
                "Origin", "http://localhost:" + (port + 1), "Host", "localhost:" + port);
        refused(403, "cross_site", "POST", "/approve_image/" + drawn + "/2", "{\"action\":\"approve\"}", "Content-Type", json,
                "Origin", "null");
        refused(403, "cross_site", "POST", "/generate_video/" + drawn, (String) null, "Origin", "https://127.0.0.1:" + port);
        // The app's own pages (same origin) and clients that are not browsers still get through.
        assertThat(RawHttp.send(port, "POST", "/submit", TestApp.redFoxQuiz().toString(), "Content-Type", json,
                "Origin", "http://127.0.0.1:" + port).status()).isEqualTo(200);
        assertThat(RawHttp.send(port, "POST", "/submit", TestApp.redFoxQuiz().toString(), "Content-Type", json,
                "Sec-Fetch-Site", "same-origin", "Origin", "http://127.0.0.1:" + port).status()).isEqualTo(200);
    }

    @Test
    void errorsJettyAnswersItselfAreJson() throws Exception {
        refused(400, "bad_request", "GET", "/story/%zz", (byte[]) null);
        refused(414, "uri_too_long", "GET", "/story/" + "x".repeat(20_000), (byte[]) null);
        refused(431, "headers_too_large", "GET", "/api/stories", (byte[]) null, "X-Big", "y".repeat(20_000));
    }

    @Test
    void anUploadThatIsNotAudioIsRefusedWithoutNamingServerPaths() throws Exception {
        byte[] fake = new byte[4_000];
        new java.util.Random(7).nextBytes(fake);
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, fake, 0, 3);
        RawHttp.Answer answer = refused(415, "unsupported_media", "POST", "/api/music", fake, "Content-Type", "audio/mpeg");
        assertThat(TestApp.json(answer.body()).get("message").asText()).doesNotContain("/", "upload", "avformat");
    }

    @Test
    void aVideoLengthOrCaptionStyleOutOfRangeIs400NamingTheField() throws Exception {
        for (String length : List.of("14", "601", "-60")) {
            RawHttp.Answer answer = refused(400, "bad_request", "POST", "/generate_video/" + drawn, "{\"length_seconds\":" + length + "}",
                    "Content-Type", "application/json");
            assertThat(TestApp.json(answer.body()).get("message").asText())
                    .startsWith("length_seconds must be a whole number of seconds from 15 to 600").endsWith("not " + length);
        }
        for (String notWhole : List.of("60.5", "\"60\"", "true")) {
            RawHttp.Answer answer = refused(400, "bad_request", "POST", "/generate_video/" + drawn, "{\"length_seconds\":" + notWhole + "}",
                    "Content-Type", "application/json");
            assertThat(TestApp.json(answer.body()).get("message").asText()).contains("length_seconds");
        }
        RawHttp.Answer style = refused(400, "bad_request", "POST", "/generate_video/" + drawn, "{\"caption_style\":\"karaoke\"}",
                "Content-Type", "application/json");
        assertThat(TestApp.json(style.body()).get("message").asText()).isEqualTo("caption_style must be one of phrase, words, none, not \"karaoke\"");
    }

    @Test
    void editedNarrationMustBeTwentyLinesOfPlainText() throws Exception {
        ObjectNode tooFew = (ObjectNode) TestApp.json(approval());
        tooFew.putArray("narration").add("Ember waits.");
        assertThat(TestApp.json(refused(400, "bad_request", "POST", "/approve_scenes", tooFew.toString(), "Content-Type", "application/json")
                .body()).get("message").asText()).isEqualTo("narration must hold exactly 20 lines, one per scene, got 1");
        for (String bad : List.of("  ", "Ember\u001b[31m red", "Ember \u202Eevil", "x".repeat(401))) {
            ObjectNode approval = (ObjectNode) TestApp.json(approval());
            for (int i = 0; i < 20; i++) {
                approval.withArray("narration").add(i == 2 ? bad : "Line " + (i + 1) + ".");
            }
            assertThat(TestApp.json(refused(400, "bad_request", "POST", "/approve_scenes", approval.toString(), "Content-Type", "application/json")
                    .body()).get("message").asText()).startsWith("narration line 3");
        }
        ObjectNode notText = (ObjectNode) TestApp.json(approval());
        notText.putArray("narration").add(3);
        assertThat(TestApp.json(refused(400, "bad_request", "POST", "/approve_scenes", notText.toString(), "Content-Type", "application/json")
                .body()).get("message").asText()).contains("narration");
    }

    @Test
    void anEmptyBodyStillAsksForTheDefaultVideo() throws Exception {
        // Not every image is approved yet: the empty body is read (no 415) and the answer is the story's state (409).
        RawHttp.Answer answer = refused(409, "conflict", "POST", "/generate_video/" + drawn, (byte[]) new byte[0]);
        assertThat(answer.body()).doesNotContain("Content-Type");
    }
}
