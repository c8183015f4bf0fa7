package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Signing in through an OpenID Connect provider (navikt's mock-oauth2-server on loopback) in Chromium, and what a refusal says. */
class OidcSignInBrowserTest extends BrowserTest {

    private MockOAuth2Server provider;

    /** The provider starts first: the server's settings name it. */
    @Override
    Map<String, String> env() {
        if (provider == null) {
            provider = new MockOAuth2Server();
            provider.start();
        }
        Map<String, String> env = new HashMap<>(Map.of("AUTH_MODE", "accounts", "OIDC_ISSUER", provider.issuerUrl("default").toString(),
                "OIDC_CLIENT_ID", "fableforge-browser", "OIDC_CLIENT_SECRET", "browser-secret", "OIDC_ALLOWED", "@example.org"));
        return env;
    }

    @AfterAll
    void stopProvider() {
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void theProvidersButtonSignsInAndLandsOnTheStudio() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "ada-in-chromium", "JWT", null,
                Map.of("email", "ada.lovelace@example.org", "email_verified", true), 3600));

        page.navigate("/signin");
        assertThat(page.locator("#oidc-signin")).hasText("Sign in with localhost");
        screenshot("signin-oidc-button");
        page.locator("#oidc-signin").click();

        assertThat(page.locator("#account-name")).hasText("ada.lovelace");
        assertThat(page).hasURL(Pattern.compile("^http://localhost:\\d+/$"));
    }

    @Test
    void aRefusedSignInSaysWhyInWords() {
        page.navigate("/signin?error=oidc_not_allowed");
        assertThat(page.locator("#signin-error")).containsText("not on this server's list of who may sign in");
        assertThat(page).hasURL(Pattern.compile("/signin$"));
    }
}
