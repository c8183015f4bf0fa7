package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.auth.Accounts;
import fableforge.video.Audio;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

    @TempDir
    Path dir;

    private AccountsApp users;
    private TestApp app;
    private Accounts.NewAccount ada;
    private Accounts.NewAccount bob;
    private Accounts.NewAccount root;

    @BeforeEach
    void start() throws Exception {
        users = AccountsApp.start(dir);
        app = users.app();
        ada = users.ada();
        bob = users.bob();
        root = users.root();
    }

    @AfterEach
    void stop() throws Exception {
        users.close();
    }

    /** Ada's story, already through the flow (written straight into the store, images and all); its id. */
    private String adasStory() {
        return ApprovedStories.seed(app, dir, ada.account().id());
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
            HttpResponse<String> answer = users.send(api[0], api[1], api[0].equals("POST") ? "{}" : null);
            assertThat(answer.statusCode()).as(api[0] + " " + api[1]).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(api[1]).get().asString().startsWith("Bearer");
            assertThat(TestApp.json(answer.body()).get("error").asText()).isEqualTo("unauthenticated");
        }
        HttpResponse<String> stream = users.send("GET", "/stream?channel=" + id, null, "Accept", "text/event-stream");
        assertThat(stream.statusCode()).isEqualTo(401);

        for (String page : List.of("/", "/index.html")) {
            HttpResponse<String> answer = users.send("GET", page, null);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).get().asString().endsWith("signin");
        }
        HttpResponse<String> signIn = users.send("GET", "/signin", null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<form id=\"signin-form\"");
        assertThat(users.send("GET", "/css/app.css", null).statusCode()).isEqualTo(200);
        assertThat(users.send("GET", "/js/signin.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownTokenIsRefusedLikeNone() throws Exception {
        HttpResponse<String> answer = users.send("GET", "/api/stories", null, "Authorization", "Bearer ff_not-a-real-token");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(users.send("GET", "/api/stories", null, "Authorization", "Bearer " + ada.token() + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsJustTheStatusToAnyoneButAnAdmin() throws Exception {
        JsonNode anonymous = TestApp.json(users.send("GET", "/health", null).body());
        JsonNode user = TestApp.json(users.as(ada, "GET", "/health", null).body());
        JsonNode admin = TestApp.json(users.as(root, "GET", "/health", null).body());

        assertThat(anonymous.properties()).extracting(Map.Entry::getKey).containsExactly("status");
        assertThat(user.properties()).extracting(Map.Entry::getKey).containsExactly("status");
        assertThat(admin.has("providers")).isTrue();
        assertThat(admin.has("jobs")).isTrue();
    }

    // ---- ownership ----

    @Test
    void everythingOfAdasStoryIsUnknownToBobButNotToAnAdmin() throws Exception {
        String id = adasStory();
        JsonNode story = TestApp.json(users.as(ada, "GET", "/story/" + id, null).body());
        String media = "/" + story.get("images").get("1").get("url").asText().replaceFirst("^/", "");

        assertThat(users.as(bob, "GET", "/story/" + id, null).statusCode()).isEqualTo(404);
        var approval = TestApp.jsonObject().put("story_id", id);
        TestApp.sceneTexts(story).forEach(approval.putArray("scenes")::add);
        assertThat(users.as(bob, "POST", "/approve_scenes", approval.toString()).statusCode()).isEqualTo(404);
        assertThat(users.as(bob, "POST", "/approve_image/" + id + "/1", "{\"action\":\"approve\"}").statusCode()).isEqualTo(404);
        assertThat(users.as(bob, "POST", "/generate_video/" + id, "{}").statusCode()).isEqualTo(404);
        assertThat(users.send("GET", "/stream?channel=" + id, null, "Accept", "text/event-stream", "Authorization", "Bearer " + bob.token())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> bobsMedia = users.as(bob, "GET", media, null);
        assertThat(bobsMedia.statusCode()).as(media).isEqualTo(404);
        assertThat(bobsMedia.body()).doesNotContain(id);
        assertThat(TestApp.json(users.as(bob, "GET", "/api/stories", null).body()).get("stories")).isEmpty();

        HttpResponse<String> adasMedia = users.as(ada, "GET", media, null);
        assertThat(adasMedia.statusCode()).isEqualTo(200);
        assertThat(adasMedia.headers().firstValue("Cache-Control")).get().asString().startsWith("private");
        assertThat(users.as(root, "GET", media, null).statusCode()).isEqualTo(200);
        assertThat(users.as(root, "GET", "/story/" + id, null).statusCode()).isEqualTo(200);
        // A thumbnail (made on request when missing) is as unknown to Bob as its image, and is never made for him.
        String thumb = "/" + story.get("images").get("1").get("thumb_url").asText().replaceFirst("^/", "");
        assertThat(users.as(bob, "GET", thumb, null).statusCode()).as(thumb).isEqualTo(404);
        HttpResponse<String> adasThumb = users.as(ada, "GET", thumb, null);
        assertThat(adasThumb.statusCode()).isEqualTo(200);
        assertThat(adasThumb.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(adasThumb.headers().firstValue("Cache-Control")).contains("private, max-age=31536000, immutable");

        // Her own stream opens and replays her story's events (the caller reaches the SSE handler too).
        try (SseClient stream = app.streamEvents(id, "Authorization", "Bearer " + ada.token())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.awaitEvent("story_created")).extracting(SseClient.Event::name).first().isEqualTo("story_created");
        }
    }

    @Test
    void eachSeesOnlyTheirOwnStoriesAndAnAdminSeesAllWithTheOwnersNames() throws Exception {
        String adas = adasStory();
        HttpResponse<String> bobs = users.as(bob, "POST", "/submit", TestApp.redFoxQuiz().toString());
        String bobsId = TestApp.json(bobs.body()).get("story_id").asText();

        assertThat(TestApp.json(users.as(ada, "GET", "/api/stories", null).body()).get("stories"))
                .extracting(node -> node.get("story_id").asText()).containsExactly(adas);
        assertThat(TestApp.json(users.as(bob, "GET", "/api/stories", null).body()).get("stories"))
                .extracting(node -> node.get("story_id").asText()).containsExactly(bobsId);
        JsonNode all = TestApp.json(users.as(root, "GET", "/api/stories", null).body()).get("stories");
        List<String> owners = new ArrayList<>();
        all.forEach(node -> owners.add(node.get("story_id").asText() + "=" + node.get("owner").asText()));
        assertThat(owners).containsExactlyInAnyOrder(adas + "=ada", bobsId + "=bob");
    }

    @Test
    void uploadedMusicIsItsOwnersAlone() throws Exception {
        byte[] wav = Audio.wav(new float[Audio.SAMPLE_RATE], Audio.SAMPLE_RATE);
        TestApp.Response uploaded = app.withToken(ada.token()).upload("/api/music", wav, "audio/wav");
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String key = uploaded.body().get("music_key").asText();

        assertThat(key).startsWith("music/" + ada.account().id() + "/");
        assertThat(users.as(ada, "GET", "/media/" + key, null).statusCode()).isEqualTo(200);
        assertThat(users.as(bob, "GET", "/media/" + key, null).statusCode()).isEqualTo(404);

        // Using it: checked before the story's approvals, so a story not yet approved tells the two apart.
        String music = TestApp.jsonObject().put("music_key", key).toString();
        String adas = TestApp.json(users.as(ada, "POST", "/submit", TestApp.redFoxQuiz().toString()).body()).get("story_id").asText();
        String bobs = TestApp.json(users.as(bob, "POST", "/submit", TestApp.redFoxQuiz().toString()).body()).get("story_id").asText();
        assertThat(users.as(ada, "POST", "/generate_video/" + adas, music).statusCode()).as("her music, images not yet approved").isEqualTo(409);
        HttpResponse<String> bobUsing = users.as(bob, "POST", "/generate_video/" + bobs, music);
        assertThat(bobUsing.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(bobUsing.body()).get("message").asText()).contains("no uploaded music");
    }
}
