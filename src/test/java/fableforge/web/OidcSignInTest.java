package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fableforge.App;
import fableforge.Config;
import fableforge.auth.Accounts;
import fableforge.auth.Secrets;
import fableforge.store.Account;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in through a real OpenID Connect provider on loopback (navikt's mock-oauth2-server: discovery,
 * JWKS, the code flow with PKCE), the browser's part played step by step with its cookies: who gets in,
 * to which account, and every way a sign-in is refused (redirected to the sign-in page with a code, no
 * account made, no session).
 */
class OidcSignInTest {

    private static final String CLIENT_ID = "fableforge-test";

    @TempDir
    static Path dir;

    private static MockOAuth2Server provider;
    private static TestApp app;
    private static Accounts accounts;
    private static String issuer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        provider = new MockOAuth2Server();
        provider.start();
        issuer = provider.issuerUrl("default").toString();
        Map<String, String> env = new HashMap<>(Map.of("AUTH_MODE", "accounts", "OIDC_ISSUER", issuer, "OIDC_CLIENT_ID", CLIENT_ID,
                "OIDC_CLIENT_SECRET", "test-client-secret", "OIDC_ALLOWED", "ada@example.org,@team.example",
                "OIDC_ADMINS", "root@example.org"));
        app = TestApp.start(env, dir);
        accounts = App.accounts(Config.load(env, dir.resolve("none.env")), app.server().database(), app.server().port(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        provider.shutdown();
    }

    // ---- the browser ----

    /** Where a sign-in ended: the page the browser was last sent to, and the session cookie if one was set. */
    private record Outcome(URI location, Optional<String> session, URI callback, String stateCookie) {
        String error() {
            String query = Optional.ofNullable(location.getQuery()).orElse("");
            return query.startsWith("error=") ? query.substring(6) : "";
        }
    }

    private HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as(response.uri() + " answers a redirect").isEqualTo(302);
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Optional<String> cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).filter(value -> !value.isEmpty()).findFirst();
    }

    private URI localhost(String path) {
        return URI.create("http://localhost:" + app.server().port() + path);
    }

    /** To the provider and back, the ID token made by {@code token}; the callback's answer is the outcome. */
    private Outcome signIn(DefaultOAuth2TokenCallback token) throws Exception {
        provider.enqueueCallback(token);
        HttpResponse<String> started = get(localhost("/signin/oidc"));
        URI authorize = location(started);
        assertThat(authorize.toString()).startsWith(issuer + "/authorize").contains("code_challenge_method=S256").contains("nonce=");
        String state = cookie(started, "ff_oidc").orElseThrow();
        URI callback = location(get(authorize));
        assertThat(callback.getPath()).isEqualTo("/signin/oidc/callback");
        HttpResponse<String> back = get(callback, "Cookie", "ff_oidc=" + state);
        return new Outcome(location(back), cookie(back, "ff_session"), callback, state);
    }

    private static DefaultOAuth2TokenCallback person(String subject, Map<String, Object> claims) {
        return new DefaultOAuth2TokenCallback("default", subject, "JWT", null, claims, 3600);
    }

    private static DefaultOAuth2TokenCallback verified(String subject, String email) {
        return person(subject, Map.of("email", email, "email_verified", true));
    }

    private JsonNode me(String session) throws Exception {
        HttpResponse<String> me = get(app.uri("/api/me"), "Cookie", "ff_session=" + session);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return TestApp.json(me.body());
    }

    private static List<String> names() {
        return accounts.list().stream().map(Account::name).toList();
    }

    private void assertRefused(Outcome outcome, String code, int accountsBefore) {
        assertThat(outcome.location().getPath()).isEqualTo("/signin");
        assertThat(outcome.error()).isEqualTo(code);
        assertThat(outcome.session()).as("no session").isEmpty();
        assertThat(accounts.list()).as("no account made").hasSize(accountsBefore);
    }

    // ---- who gets in ----

    @Test
    void anAllowedVerifiedEmailSignsInWithASessionThatReachesTheApi() throws Exception {
        // Opened by address: one hop to the host the provider sends the browser back to, where the state cookie must live.
        URI hop = location(get(app.uri("/signin/oidc")));
        assertThat(hop).isEqualTo(localhost("/signin/oidc?hop=1"));

        Outcome outcome = signIn(verified("ada-subject", "ada@example.org"));

        assertThat(outcome.location()).isEqualTo(localhost("/"));
        JsonNode me = me(outcome.session().orElseThrow());
        assertThat(me.get("name").asText()).isEqualTo("ada");
        assertThat(me.get("admin").asBoolean()).isFalse();
        HttpResponse<String> stories = get(app.uri("/api/stories"), "Cookie", "ff_session=" + outcome.session().get());
        assertThat(stories.statusCode()).isEqualTo(200);
    }

    @Test
    void theSamePersonSignsInToTheSameAccountEvenWithAChangedEmail() throws Exception {
        Outcome first = signIn(verified("grace-subject", "grace@team.example"));
        int before = accounts.list().size();

        Outcome again = signIn(verified("grace-subject", "grace.hopper@team.example"));

        assertThat(me(again.session().orElseThrow()).get("name").asText()).isEqualTo("grace");
        assertThat(again.session()).isNotEqualTo(first.session());
        assertThat(accounts.list()).hasSize(before);
        // Another person whose e-mail starts the same gets an account of their own, under a free name.
        Outcome other = signIn(verified("other-grace", "grace@team.example"));
        assertThat(me(other.session().orElseThrow()).get("name").asText()).isEqualTo("grace-2");
    }

    @Test
    void anAdminEmailBecomesAnAdmin() throws Exception {
        Outcome outcome = signIn(verified("root-subject", "root@example.org"));
        assertThat(me(outcome.session().orElseThrow()).get("admin").asBoolean()).isTrue();
    }

    @Test
    void theSignInPageIsToldOidcIsOn() throws Exception {
        JsonNode options = TestApp.json(get(app.uri("/api/signin/options")).body());
        assertThat(options.get("oidc").asBoolean()).isTrue();
        assertThat(options.get("oidc_provider").asText()).isEqualTo("localhost");
    }

    // ---- who does not ----

    @Test
    void anEmailNotOnTheAllowListIsRefusedAndNoAccountIsMade() throws Exception {
        int before = accounts.list().size();
        assertRefused(signIn(verified("eve-subject", "eve@elsewhere.example")), "oidc_not_allowed", before);
        assertThat(names()).doesNotContain("eve");
    }

    @Test
    void anUnverifiedOrMissingEmailIsRefused() throws Exception {
        int before = accounts.list().size();
        assertRefused(signIn(person("unverified", Map.of("email", "ada@example.org", "email_verified", false))), "oidc_email", before);
        assertRefused(signIn(person("no-claim", Map.of("email", "ada@example.org"))), "oidc_email", before);
        assertRefused(signIn(person("no-email", Map.of())), "oidc_email", before);
    }

    @Test
    void anIdTokenForAnotherClientOrWithAnotherNonceIsRefused() throws Exception {
        int before = accounts.list().size();
        assertRefused(signIn(person("aud-subject", Map.of("email", "aud@team.example", "email_verified", true, "aud", "another-client"))),
                "oidc_failed", before);
        assertRefused(signIn(person("nonce-subject", Map.of("email", "nonce@team.example", "email_verified", true, "nonce", "not-ours"))),
                "oidc_failed", before);
        assertThat(names()).doesNotContain("aud", "nonce");
    }

    @Test
    void aReplayedOrUnknownStateIsRefused() throws Exception {
        Outcome used = signIn(verified("replay-subject", "replay@team.example"));
        assertThat(used.session()).isPresent();
        int before = accounts.list().size();

        HttpResponse<String> replayed = get(used.callback(), "Cookie", "ff_oidc=" + used.stateCookie());
        assertThat(location(replayed).toString()).endsWith("/signin?error=oidc_state");
        assertThat(cookie(replayed, "ff_session")).isEmpty();

        String made = Secrets.random();
        HttpResponse<String> unknown = get(localhost("/signin/oidc/callback?code=anything&state=" + made), "Cookie", "ff_oidc=" + made);
        assertThat(location(unknown).toString()).endsWith("/signin?error=oidc_state");
        assertThat(accounts.list()).hasSize(before);
    }

    @Test
    void aSignInStartedInAnotherBrowserCannotBeFinishedHere() throws Exception {
        // Login CSRF: the attacker starts a sign-in and sends the victim the callback URL; the victim's browser has no state cookie.
        HttpResponse<String> started = get(localhost("/signin/oidc"));
        URI callback = location(get(location(started)));
        HttpResponse<String> victim = get(callback);
        assertThat(location(victim).toString()).endsWith("/signin?error=oidc_state");
        assertThat(cookie(victim, "ff_session")).isEmpty();
        // And the state is used up: the attacker cannot finish it either.
        HttpResponse<String> attacker = get(callback, "Cookie", "ff_oidc=" + cookie(started, "ff_oidc").orElseThrow());
        assertThat(location(attacker).toString()).endsWith("/signin?error=oidc_state");
    }
}
