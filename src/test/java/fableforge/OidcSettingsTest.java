package fableforge;

import fableforge.auth.OidcSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OIDC_* settings: validated at start-up with a message naming the variable, the secret kept out of sight. */
class OidcSettingsTest {

    @TempDir
    Path dir;

    private static Map<String, String> oidc(String... overrides) {
        Map<String, String> env = new HashMap<>(Map.of("AUTH_MODE", "accounts", "OIDC_ISSUER", "https://login.example.org",
                "OIDC_CLIENT_ID", "fableforge", "OIDC_CLIENT_SECRET", "s3cret-value-0123456789", "OIDC_ALLOWED", "ada@example.org, @Team.Example"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                env.remove(overrides[i]);
            } else {
                env.put(overrides[i], overrides[i + 1]);
            }
        }
        return env;
    }

    private Config load(Map<String, String> env) {
        return Config.load(env, dir.resolve("none.env"));
    }

    @Test
    void offWithoutIssuer() {
        assertThat(load(Map.of("AUTH_MODE", "accounts")).access().oidc()).isEmpty();
    }

    @Test
    void aCompleteSettingAllowsListedAddressesAndDomainsCaseInsensitively() {
        OidcSettings settings = load(oidc("OIDC_ADMINS", "Root@Example.org")).access().oidc().orElseThrow();
        assertThat(settings.allows("ADA@example.org")).isTrue();
        assertThat(settings.allows("bob@team.example")).isTrue();
        assertThat(settings.allows("bob@sub.team.example")).isFalse();
        assertThat(settings.allows("eve@example.org")).isFalse();
        assertThat(settings.allows("ada@example.org.evil")).isFalse();
        assertThat(settings.allows("root@example.org")).as("an admin may sign in").isTrue();
        assertThat(settings.isAdmin("root@example.org")).isTrue();
        assertThat(settings.isAdmin("ada@example.org")).isFalse();
        assertThat(settings.issuerHost()).isEqualTo("login.example.org");
    }

    @Test
    void theClientSecretIsRedactedAndScrubbed() {
        Config config = load(oidc());
        assertThat(config.toString()).doesNotContain("s3cret-value-0123456789").contains("clientSecret=[redacted]");
        assertThat(config.secrets()).contains("s3cret-value-0123456789");
    }

    @Test
    void nobodyGetsInByDefault() {
        assertThatThrownBy(() -> load(oidc("OIDC_ALLOWED", null)))
                .hasMessageContaining("OIDC_ALLOWED is required with OIDC_ISSUER");
    }

    @Test
    void issuerMustBeHttpsOrLoopbackHttp() {
        assertThatThrownBy(() -> load(oidc("OIDC_ISSUER", "http://login.example.org")))
                .hasMessageContaining("OIDC_ISSUER=http://login.example.org: must be https");
        assertThatThrownBy(() -> load(oidc("OIDC_ISSUER", "login.example.org")))
                .hasMessageContaining("OIDC_ISSUER=login.example.org: must be the provider's issuer URL");
        assertThat(load(oidc("OIDC_ISSUER", "http://127.0.0.1:9000/default")).access().oidc()).isPresent();
    }

    @Test
    void clientIdAndSecretAreRequired() {
        assertThatThrownBy(() -> load(oidc("OIDC_CLIENT_ID", null, "OIDC_CLIENT_SECRET", null)))
                .hasMessageContaining("OIDC_CLIENT_ID is required with OIDC_ISSUER")
                .hasMessageContaining("OIDC_CLIENT_SECRET is required with OIDC_ISSUER");
    }

    @Test
    void malformedAllowListAndAdminEntriesAreNamed() {
        assertThatThrownBy(() -> load(oidc("OIDC_ALLOWED", "ada@example.org,example.com", "OIDC_ADMINS", "@example.org")))
                .hasMessageContaining("OIDC_ALLOWED: \"example.com\" is neither an e-mail address")
                .hasMessageContaining("OIDC_ADMINS: \"@example.org\" is not an e-mail address");
    }

    @Test
    void needsAccountsAndIsNeededByTheOtherSettings() {
        assertThatThrownBy(() -> load(oidc("AUTH_MODE", null)))
                .hasMessageContaining("OIDC_ISSUER is set but AUTH_MODE=local has no accounts");
        assertThatThrownBy(() -> load(Map.of("AUTH_MODE", "accounts", "OIDC_CLIENT_ID", "fableforge")))
                .hasMessageContaining("OIDC_CLIENT_ID is set but OIDC_ISSUER is not");
    }
}
