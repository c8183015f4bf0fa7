package fableforge.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fableforge.auth.OidcSettings;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that answers badly cannot sign anyone in nor hold the server: its discovery document is
 * read only up to the size limit and must name the issuer that was asked. (The good provider's path is
 * OidcSignInTest's.)
 */
class OidcClientTest {

    private HttpServer provider;
    private volatile String document = "{}";

    @BeforeEach
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/", exchange -> {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (java.io.IOException e) {
                // the client hung up, as it should past its limit
            }
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private String issuer() {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + "/realm";
    }

    private OidcClient client() {
        return new OidcClient(new OidcSettings(URI.create(issuer()), "client", "secret", List.of("@example.org"), List.of()),
                Clock.systemUTC());
    }

    private static String discovery(String issuer) {
        return """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer);
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        document = discovery("https://evil.example");
        assertThatThrownBy(() -> client().authorizationUrl("state", "nonce", Secrets.random(), URI.create("http://localhost/cb")))
                .isInstanceOf(OidcClient.Refused.class).hasMessageContaining("another issuer")
                .extracting(e -> ((OidcClient.Refused) e).code()).isEqualTo("oidc_unavailable");
    }

    @Test
    void anOversizedAnswerIsCutOffAtTheLimit() {
        // A valid document after 300 KiB of whitespace: read whole it would work; the client stops at 256 KiB.
        document = " ".repeat(300 * 1024) + discovery(issuer());
        assertThatThrownBy(() -> client().authorizationUrl("state", "nonce", Secrets.random(), URI.create("http://localhost/cb")))
                .isInstanceOf(OidcClient.Refused.class).hasMessageContaining("over 256 KiB");
        // The same document without the padding is accepted, so the limit is what refused it.
        document = discovery(issuer());
        org.assertj.core.api.Assertions.assertThatCode(() -> client().authorizationUrl("state", "nonce", Secrets.random(),
                URI.create("http://localhost/cb"))).doesNotThrowAnyException();
    }
}
