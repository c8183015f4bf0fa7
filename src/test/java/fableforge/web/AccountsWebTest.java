package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.App;
import fableforge.Config;
import fableforge.auth.Accounts;
import fableforge.video.Audio;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AUTH_MODE=accounts end to end: users made as {@code fableforge users add} makes them, each seeing
 * only their own stories and files; anonymous callers get 401 (or the sign-in page); sessions from
 * sign-in links and passwords, with their cookie, sign-out and ends.
 */
class AccountsWebTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestApp app;
    private Accounts accounts;
    private Accounts.NewAccount ada;
    private Accounts.NewAccount bob;
    private Accounts.NewAccount root;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> env = Map.of("AUTH_MODE", "accounts");
        app = TestApp.start(env, dir);
        accounts = App.accounts(Config.load(env, dir.resolve("none.env")), app.server().database(), app.server().port(), Clock.systemUTC());
        ada = accounts.add("ada", false);
        bob = accounts.add("bob", false);
        root = accounts.add("root", true);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    // ---- requests as someone ----

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] bearer(Accounts.NewAccount account) {
        return new String[] {"Authorization", "Bearer " + account.token()};
    }

    private HttpResponse<String> as(Accounts.NewAccount account, String method, String path, String body) throws Exception {
        return send(method, path, body, bearer(account));
    }

    private static String linkOf(Accounts.NewAccount account) {
        String url = account.signInLink().toString();
        return url.substring(url.indexOf("link=") + 5);
    }

    /** Ada's story, scenes approved and images on their way; its id. */
    private String adasStory() throws Exception {
        HttpResponse<String> submitted = as(ada, "POST", "/submit", TestApp.redFoxQuiz().toString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        JsonNode story = TestApp.json(submitted.body());
        String id = story.get("story_id").asText();
        var approval = TestApp.jsonObject().put("story_id", id);
        TestApp.sceneTexts(story).forEach(approval.putArray("scenes")::add);
        HttpResponse<String> approved = as(ada, "POST", "/approve_scenes", approval.toString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        return id;
    }

    private JsonNode waitForFirstImage(Accounts.NewAccount account, String id) throws Exception {
        long deadline = System.nanoTime() + TestApp.STORY_WAIT.toNanos();
        while (true) {
            JsonNode story = TestApp.json(as(account, "GET", "/story/" + id, null).body());
            if (story.path("images").path("1").hasNonNull("url")) {
                return story;
            }
            assertThat(System.nanoTime()).as("the first image of " + id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String cookieValue(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).findFirst().orElseThrow();
    }

    // ---- anonymous ----

    @Test
    void anonymousCallersGet401OnEveryApiAndTheSignInPageForPages() throws Exception {
        String id = adasStory();
        List<String[]> apis = List.of(new String[] {"GET", "/api/stories"}, new String[] {"GET", "/api/quiz"},
                new String[] {"POST", "/submit"}, new String[] {"POST", "/approve_scenes"}, new String[] {"GET", "/story/" + id},
                new String[] {"POST", "/approve_image/" + id + "/1"}, new String[] {"POST", "/generate_video/" + id},
                new String[] {"POST", "/api/music"}, new String[] {"GET", "/media/stories/" + id + "/scene-01-a1.png"},
                new String[] {"GET", "/api/me"}, new String[] {"GET", "/openapi.yaml"});
        for (String[] api : apis) {
            HttpResponse<String> answer = send(api[0], api[1], api[0].equals("POST") ? "{}" : null);
            assertThat(answer.statusCode()).as(api[0] + " " + api[1]).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(api[1]).get().asString().startsWith("Bearer");
            assertThat(TestApp.json(answer.body()).get("error").asText()).isEqualTo("unauthenticated");
        }
        HttpResponse<String> stream = send("GET", "/stream?channel=" + id, null, "Accept", "text/event-stream");
        assertThat(stream.statusCode()).isEqualTo(401);

        for (String page : List.of("/", "/index.html")) {
            HttpResponse<String> answer = send("GET", page, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).get().asString().endsWith("signin");
        }
        HttpResponse<String> signIn = send("GET", "/signin", null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<form id=\"signin-form\"");
        assertThat(send("GET", "/css/app.css", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/js/signin.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownTokenIsRefusedLikeNone() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/stories", null, "Authorization", "Bearer ff_not-a-real-token");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/stories", null, "Authorization", "Bearer " + ada.token() + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsJustTheStatusToAnyoneButAnAdmin() throws Exception {
        JsonNode anonymous = TestApp.json(send("GET", "/health", null).body());
        JsonNode user = TestApp.json(as(ada, "GET", "/health", null).body());
        JsonNode admin = TestApp.json(as(root, "GET", "/health", null).body());

        assertThat(anonymous.properties()).extracting(Map.Entry::getKey).containsExactly("status");
        assertThat(user.properties()).extracting(Map.Entry::getKey).containsExactly("status");
        assertThat(admin.has("providers")).isTrue();
        assertThat(admin.has("jobs")).isTrue();
    }

    // ---- ownership ----

    @Test
    void everythingOfAdasStoryIsUnknownToBobButNotToAnAdmin() throws Exception {
        String id = adasStory();
        JsonNode story = waitForFirstImage(ada, id);
        String media = "/" + story.get("images").get("1").get("url").asText().replaceFirst("^/", "");

        assertThat(as(bob, "GET", "/story/" + id, null).statusCode()).isEqualTo(404);
        var approval = TestApp.jsonObject().put("story_id", id);
        TestApp.sceneTexts(story).forEach(approval.putArray("scenes")::add);
        assertThat(as(bob, "POST", "/approve_scenes", approval.toString()).statusCode()).isEqualTo(404);
        assertThat(as(bob, "POST", "/approve_image/" + id + "/1", "{\"action\":\"approve\"}").statusCode()).isEqualTo(404);
        assertThat(as(bob, "POST", "/generate_video/" + id, "{}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/stream?channel=" + id, null, "Accept", "text/event-stream", "Authorization", "Bearer " + bob.token())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> bobsMedia = as(bob, "GET", media, null);
        assertThat(bobsMedia.statusCode()).as(media).isEqualTo(404);
        assertThat(bobsMedia.body()).doesNotContain(id);
        assertThat(TestApp.json(as(bob, "GET", "/api/stories", null).body()).get("stories")).isEmpty();

        HttpResponse<String> adasMedia = as(ada, "GET", media, null);
        assertThat(adasMedia.statusCode()).isEqualTo(200);
        assertThat(adasMedia.headers().firstValue("Cache-Control")).get().asString().startsWith("private");
        assertThat(as(root, "GET", media, null).statusCode()).isEqualTo(200);
        assertThat(as(root, "GET", "/story/" + id, null).statusCode()).isEqualTo(200);

        // Her own stream opens and replays her story's events (the caller reaches the SSE handler too).
        try (SseClient stream = app.streamEvents(id, "Authorization", "Bearer " + ada.token())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.awaitEvent("story_created")).extracting(SseClient.Event::name).first().isEqualTo("story_created");
        }
    }

    @Test
    void eachSeesOnlyTheirOwnStoriesAndAnAdminSeesAllWithTheOwnersNames() throws Exception {
        String adas = adasStory();
        HttpResponse<String> bobs = as(bob, "POST", "/submit", TestApp.redFoxQuiz().toString());
        String bobsId = TestApp.json(bobs.body()).get("story_id").asText();

        assertThat(TestApp.json(as(ada, "GET", "/api/stories", null).body()).get("stories"))
                .extracting(node -> node.get("story_id").asText()).containsExactly(adas);
        assertThat(TestApp.json(as(bob, "GET", "/api/stories", null).body()).get("stories"))
                .extracting(node -> node.get("story_id").asText()).containsExactly(bobsId);
        JsonNode all = TestApp.json(as(root, "GET", "/api/stories", null).body()).get("stories");
        List<String> owners = new ArrayList<>();
        all.forEach(node -> owners.add(node.get("story_id").asText() + "=" + node.get("owner").asText()));
        assertThat(owners).containsExactlyInAnyOrder(adas + "=ada", bobsId + "=bob");
    }

    @Test
    void uploadedMusicIsItsOwnersAlone() throws Exception {
        byte[] wav = Audio.wav(new float[Audio.SAMPLE_RATE], Audio.SAMPLE_RATE);
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(app.uri("/api/music"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).header("Content-Type", "audio/wav")
                .header("Authorization", "Bearer " + ada.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String key = TestApp.json(uploaded.body()).get("music_key").asText();

        assertThat(key).startsWith("music/" + ada.account().id() + "/");
        assertThat(as(ada, "GET", "/media/" + key, null).statusCode()).isEqualTo(200);
        assertThat(as(bob, "GET", "/media/" + key, null).statusCode()).isEqualTo(404);

        // Using it: checked before the story's approvals, so a story not yet approved tells the two apart.
        String music = TestApp.jsonObject().put("music_key", key).toString();
        String adas = TestApp.json(as(ada, "POST", "/submit", TestApp.redFoxQuiz().toString()).body()).get("story_id").asText();
        String bobs = TestApp.json(as(bob, "POST", "/submit", TestApp.redFoxQuiz().toString()).body()).get("story_id").asText();
        assertThat(as(ada, "POST", "/generate_video/" + adas, music).statusCode()).as("her music, images not yet approved").isEqualTo(409);
        HttpResponse<String> bobUsing = as(bob, "POST", "/generate_video/" + bobs, music);
        assertThat(bobUsing.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(bobUsing.body()).get("message").asText()).contains("no uploaded music");
    }

    // ---- sessions ----

    @Test
    void aSignInLinkSetsThePasswordOnceAndGivesAnHttpOnlyLaxSessionCookie() throws Exception {
        String body = TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD).toString();

        HttpResponse<String> first = send("POST", "/api/signin/link", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("ff_session=").contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
        String session = cookieValue(first, "ff_session");
        HttpResponse<String> me = send("GET", "/api/me", null, "Cookie", "ff_session=" + session);
        assertThat(TestApp.json(me.body()).get("name").asText()).isEqualTo("ada");

        HttpResponse<String> again = send("POST", "/api/signin/link", body);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(again.body()).get("message").asText()).contains("already used");
    }

    @Test
    void aWeakPasswordIsRefusedAndTheLinkStaysUsable() throws Exception {
        HttpResponse<String> weak = send("POST", "/api/signin/link",
                TestApp.jsonObject().put("link", linkOf(bob)).put("password", "short").toString());
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(weak.body()).get("message").asText()).contains("at least 12");

        assertThat(send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(bob)).put("password", PASSWORD).toString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void signingInRotatesTheSessionAndSigningOutEndsIt() throws Exception {
        String old = cookieValue(send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD)
                .toString()), "ff_session");

        HttpResponse<String> signedIn = send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD).toString(),
                "Cookie", "ff_session=" + old);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String fresh = cookieValue(signedIn, "ff_session");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + old).statusCode()).as("the old session").isEqualTo(401);
        assertThat(send("GET", "/api/stories", null, "Cookie", "ff_session=" + fresh).statusCode()).isEqualTo(200);

        HttpResponse<String> out = send("POST", "/api/signout", null, "Cookie", "ff_session=" + fresh);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).contains("Max-Age=0"));
        assertThat(send("GET", "/api/stories", null, "Cookie", "ff_session=" + fresh).statusCode()).isEqualTo(401);
    }

    @Test
    void aUserChangesTheirPasswordWithTheCurrentOneAndTheirOtherBrowsersAreSignedOut() throws Exception {
        String first = cookieValue(send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD)
                .toString()), "ff_session");
        String second = cookieValue(send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD)
                .toString()), "ff_session");
        String newPassword = "a brand new passphrase";

        HttpResponse<String> wrong = send("POST", "/api/password", TestApp.jsonObject().put("current_password", "not it")
                .put("new_password", newPassword).toString(), "Cookie", "ff_session=" + second);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
        HttpResponse<String> weak = send("POST", "/api/password", TestApp.jsonObject().put("current_password", PASSWORD)
                .put("new_password", "short").toString(), "Cookie", "ff_session=" + second);
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(weak.body()).contains("12");
        assertThat(send("POST", "/api/password", TestApp.jsonObject().put("current_password", PASSWORD)
                .put("new_password", newPassword).toString()).statusCode()).as("anonymous").isEqualTo(401);

        HttpResponse<String> changed = send("POST", "/api/password", TestApp.jsonObject().put("current_password", PASSWORD)
                .put("new_password", newPassword).toString(), "Cookie", "ff_session=" + second);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String fresh = cookieValue(changed, "ff_session");

        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + first).statusCode()).as("another browser").isEqualTo(401);
        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + second).statusCode()).as("this browser's old id").isEqualTo(401);
        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + fresh).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD).toString())
                .statusCode()).as("the old password").isEqualTo(401);
        assertThat(send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", newPassword).toString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void overHttpsTheCookieIsSecureWithTheHostPrefix() throws Exception {
        HttpResponse<String> signedIn = send("POST", "/api/signin/link",
                TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD).toString(), "X-Forwarded-Proto", "https");

        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-ff_session=").contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Domain");
        String session = cookieValue(signedIn, "__Host-ff_session");
        assertThat(send("GET", "/api/me", null, "Cookie", "__Host-ff_session=" + session).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordSaysOnlyThatNameOrPasswordIsWrongAndFiveLockTheNameOut() throws Exception {
        send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD).toString());
        String wrong = TestApp.jsonObject().put("name", "ada").put("password", "not the password").toString();
        String nobody = TestApp.jsonObject().put("name", "nobody").put("password", "not the password").toString();

        HttpResponse<String> unknownName = send("POST", "/api/signin", nobody);
        assertThat(unknownName.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(unknownName.body()).get("message").asText()).isEqualTo("name or password is wrong");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = send("POST", "/api/signin", wrong);
            assertThat(failed.statusCode()).isEqualTo(401);
            assertThat(TestApp.json(failed.body()).get("message").asText()).isEqualTo("name or password is wrong");
        }

        HttpResponse<String> locked = send("POST", "/api/signin",
                TestApp.jsonObject().put("name", "ada").put("password", PASSWORD).toString());
        assertThat(locked.statusCode()).as("even the right password, while locked").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aSessionIdleTooLongOrPastItsMaximumIsRefused() throws Exception {
        String idle = cookieValue(send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD)
                .toString()), "ff_session");
        String old = cookieValue(send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD)
                .toString()), "ff_session");
        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + old).statusCode()).isEqualTo(200);

        var jdbi = app.server().database().jdbi();
        long thirteenHours = Duration.ofHours(13).toMillis();
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account_session SET last_seen = last_seen - :ago WHERE id_hash = :hash")
                .bind("ago", thirteenHours).bind("hash", fableforge.auth.Secrets.hash(idle)).execute());
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account_session SET expires_at = :past WHERE id_hash = :hash")
                .bind("past", System.currentTimeMillis() - 1).bind("hash", fableforge.auth.Secrets.hash(old)).execute());

        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + idle).statusCode()).as("idle 13 h").isEqualTo(401);
        assertThat(send("GET", "/api/me", null, "Cookie", "ff_session=" + old).statusCode()).as("past its maximum").isEqualTo(401);
    }

    @Test
    void signInBodiesMustBeJson() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(app.uri("/api/signin"))
                .POST(HttpRequest.BodyPublishers.ofString("name=ada&password=x")).header("Content-Type", "application/x-www-form-urlencoded")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);

        HttpResponse<String> twice = send("POST", "/api/signin", "{\"name\":\"ada\",\"name\":\"bob\",\"password\":\"x\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
    }
}
