package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of answer (page, static file, API JSON, media, 404, 405, Jetty's own errors) carries the security headers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest {

    private static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private TestApp app;
    private int port;
    private String imageUrl;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        app = TestApp.start(Map.of(), data);
        port = app.server().port();
        String id = ApprovedStories.seed(app, data);
        imageUrl = app.story(id).get("images").get("1").get("url").asText();
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
    }

    private RawHttp.Answer secured(String method, String path, int status, String... headers) throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, method, path, (byte[]) null, headers);
        assertThat(answer.status()).as(method + " " + path).isEqualTo(status);
        assertThat(answer.header("Content-Security-Policy")).as(path).isEqualTo(CSP);
        assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
        assertThat(answer.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        assertThat(answer.header("Server")).as(path).isNull();
        return answer;
    }

    @Test
    void thePageAndItsScriptsCarryTheHeaders() throws Exception {
        assertThat(secured("GET", "/", 200).header("Content-Type")).startsWith("text/html");
        assertThat(secured("GET", "/js/app.js", 200).header("Content-Type")).contains("javascript");
        secured("GET", "/css/app.css", 200);
    }

    @Test
    void apiJsonIsNeverStored() throws Exception {
        assertThat(secured("GET", "/api/stories", 200).header("Cache-Control")).isEqualTo("no-store");
        assertThat(secured("GET", "/api/quiz", 200).header("Cache-Control")).isEqualTo("no-store");
        assertThat(secured("GET", "/story/" + "0".repeat(32), 404).header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void mediaCarriesTheHeadersAndKeepsItsOwnCaching() throws Exception {
        RawHttp.Answer image = secured("GET", imageUrl, 200);
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(image.header("Cache-Control")).contains("immutable");
        secured("HEAD", imageUrl, 200);
        secured("GET", "/media/stories/none.png", 404);
    }

    @Test
    void errorsCarryTheHeadersToo() throws Exception {
        secured("GET", "/no/such/page", 404);
        secured("GET", "/js/", 404); // no directory listing
        secured("GET", "/.git/config", 404);
        secured("PUT", "/submit", 405);
        secured("GET", "/api/stories", 421, "Host", "attacker.example");
        secured("GET", "/story/%zz", 400);
        secured("GET", "/api/stories", 431, "X-Big", "y".repeat(20_000));
    }

    @Test
    void strictTransportSecurityOnlyForRequestsThatCameOverTls(@TempDir Path proxiedData) throws Exception {
        assertThat(secured("GET", "/", 200).header("Strict-Transport-Security")).isNull();
        // Without TRUST_PROXY the header is the client's word, not the proxy's: no HSTS on plain http.
        assertThat(secured("GET", "/", 200, "X-Forwarded-Proto", "https").header("Strict-Transport-Security")).isNull();
        try (TestApp proxied = TestApp.start(Map.of("TRUST_PROXY", "true"), proxiedData)) {
            RawHttp.Answer answer = RawHttp.send(proxied.server().port(), "GET", "/", (byte[]) null, "X-Forwarded-Proto", "https");
            assertThat(answer.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            assertThat(RawHttp.send(proxied.server().port(), "GET", "/", (byte[]) null).header("Strict-Transport-Security")).isNull();
        }
    }

    @Test
    void theCspNamesTheMediaHostsOfTheStore() {
        SecurityHeaders headers = new SecurityHeaders(java.util.List.of("https://res.cloudinary.com"));
        org.eclipse.jetty.http.HttpFields.Mutable fields = org.eclipse.jetty.http.HttpFields.build();
        headers.addTo(fields);
        assertThat(fields.get("Content-Security-Policy"))
                .contains("img-src 'self' data: blob: https://res.cloudinary.com;")
                .contains("media-src 'self' blob: https://res.cloudinary.com;");
    }
}
