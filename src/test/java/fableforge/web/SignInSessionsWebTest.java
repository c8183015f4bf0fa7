package fableforge.web;

import static fableforge.web.AccountsApp.PASSWORD;
import static fableforge.web.AccountsApp.cookieValue;
import static fableforge.web.AccountsApp.linkOf;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.auth.Accounts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AUTH_MODE=accounts: sessions from sign-in links and passwords, with their cookie (Secure with the
 * {@code __Host-} prefix over HTTPS), sign-out, password changes, lock-out and the ends of a session.
 */
class SignInSessionsWebTest {

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

    @Test
    void aSignInLinkSetsThePasswordOnceAndGivesAnHttpOnlyLaxSessionCookie() throws Exception {
        String body = TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD).toString();

        HttpResponse<String> first = users.send("POST", "/api/signin/link", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("ff_session=").contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
        String session = cookieValue(first, "ff_session");
        HttpResponse<String> me = users.send("GET", "/api/me", null, "Cookie", "ff_session=" + session);
        assertThat(TestApp.json(me.body()).get("name").asText()).isEqualTo("ada");

        HttpResponse<String> again = users.send("POST", "/api/signin/link", body);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(again.body()).get("message").asText()).contains("already used");
    }

    @Test
    void aWeakPasswordIsRefusedAndTheLinkStaysUsable() throws Exception {
        HttpResponse<String> weak = users.send("POST", "/api/signin/link",
                TestApp.jsonObject().put("link", linkOf(bob)).put("password", "short").toString());
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(weak.body()).get("message").asText()).contains("at least 12");

        assertThat(users.send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(bob)).put("password", PASSWORD).toString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void signingInRotatesTheSessionAndSigningOutEndsIt() throws Exception {
        String old = cookieValue(users.send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD)
                .toString()), "ff_session");

        HttpResponse<String> signedIn = users.send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD).toString(),
                "Cookie", "ff_session=" + old);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String fresh = cookieValue(signedIn, "ff_session");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + old).statusCode()).as("the old session").isEqualTo(401);
        assertThat(users.send("GET", "/api/stories", null, "Cookie", "ff_session=" + fresh).statusCode()).isEqualTo(200);

        HttpResponse<String> out = users.send("POST", "/api/signout", null, "Cookie", "ff_session=" + fresh);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).contains("Max-Age=0"));
        assertThat(users.send("GET", "/api/stories", null, "Cookie", "ff_session=" + fresh).statusCode()).isEqualTo(401);
    }

    @Test
    void aUserChangesTheirPasswordWithTheCurrentOneAndTheirOtherBrowsersAreSignedOut() throws Exception {
        String first = cookieValue(users.send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD)
                .toString()), "ff_session");
        String second = cookieValue(users.send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD)
                .toString()), "ff_session");
        String newPassword = "a brand new passphrase";

        HttpResponse<String> wrong = users.send("POST", "/api/password", TestApp.jsonObject().put("current_password", "not it")
                .put("new_password", newPassword).toString(), "Cookie", "ff_session=" + second);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
        HttpResponse<String> weak = users.send("POST", "/api/password", TestApp.jsonObject().put("current_password", PASSWORD)
                .put("new_password", "short").toString(), "Cookie", "ff_session=" + second);
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(weak.body()).contains("12");
        assertThat(users.send("POST", "/api/password", TestApp.jsonObject().put("current_password", PASSWORD)
                .put("new_password", newPassword).toString()).statusCode()).as("anonymous").isEqualTo(401);

        HttpResponse<String> changed = users.send("POST", "/api/password", TestApp.jsonObject().put("current_password", PASSWORD)
                .put("new_password", newPassword).toString(), "Cookie", "ff_session=" + second);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String fresh = cookieValue(changed, "ff_session");

        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + first).statusCode()).as("another browser").isEqualTo(401);
        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + second).statusCode()).as("this browser's old id").isEqualTo(401);
        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + fresh).statusCode()).isEqualTo(200);
        assertThat(users.send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD).toString())
                .statusCode()).as("the old password").isEqualTo(401);
        assertThat(users.send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", newPassword).toString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void overHttpsTheCookieIsSecureWithTheHostPrefix() throws Exception {
        HttpResponse<String> signedIn = users.send("POST", "/api/signin/link",
                TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD).toString(), "X-Forwarded-Proto", "https");

        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-ff_session=").contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Domain");
        String session = cookieValue(signedIn, "__Host-ff_session");
        assertThat(users.send("GET", "/api/me", null, "Cookie", "__Host-ff_session=" + session).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordSaysOnlyThatNameOrPasswordIsWrongAndFiveLockTheNameOut() throws Exception {
        users.send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD).toString());
        String wrong = TestApp.jsonObject().put("name", "ada").put("password", "not the password").toString();
        String nobody = TestApp.jsonObject().put("name", "nobody").put("password", "not the password").toString();

        HttpResponse<String> unknownName = users.send("POST", "/api/signin", nobody);
        assertThat(unknownName.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(unknownName.body()).get("message").asText()).isEqualTo("name or password is wrong");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = users.send("POST", "/api/signin", wrong);
            assertThat(failed.statusCode()).isEqualTo(401);
            assertThat(TestApp.json(failed.body()).get("message").asText()).isEqualTo("name or password is wrong");
        }

        HttpResponse<String> locked = users.send("POST", "/api/signin",
                TestApp.jsonObject().put("name", "ada").put("password", PASSWORD).toString());
        assertThat(locked.statusCode()).as("even the right password, while locked").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aSessionIdleTooLongOrPastItsMaximumIsRefused() throws Exception {
        String idle = cookieValue(users.send("POST", "/api/signin/link", TestApp.jsonObject().put("link", linkOf(ada)).put("password", PASSWORD)
                .toString()), "ff_session");
        String old = cookieValue(users.send("POST", "/api/signin", TestApp.jsonObject().put("name", "ada").put("password", PASSWORD)
                .toString()), "ff_session");
        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + old).statusCode()).isEqualTo(200);

        var jdbi = app.server().database().jdbi();
        long thirteenHours = Duration.ofHours(13).toMillis();
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account_session SET last_seen = last_seen - :ago WHERE id_hash = :hash")
                .bind("ago", thirteenHours).bind("hash", fableforge.auth.Secrets.hash(idle)).execute());
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account_session SET expires_at = :past WHERE id_hash = :hash")
                .bind("past", System.currentTimeMillis() - 1).bind("hash", fableforge.auth.Secrets.hash(old)).execute());

        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + idle).statusCode()).as("idle 13 h").isEqualTo(401);
        assertThat(users.send("GET", "/api/me", null, "Cookie", "ff_session=" + old).statusCode()).as("past its maximum").isEqualTo(401);
    }

    @Test
    void signInBodiesMustBeJson() throws Exception {
        TestApp.Response form = app.upload("/api/signin", "name=ada&password=x".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);

        HttpResponse<String> twice = users.send("POST", "/api/signin", "{\"name\":\"ada\",\"name\":\"bob\",\"password\":\"x\"}");
        assertThat(twice.statusCode()).isEqualTo(400);
    }
}
