package fableforge;

import fableforge.auth.Access;
import fableforge.settings.ConfigException;
import fableforge.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTest {

    @TempDir
    Path dir;

    private Access access(Map<String, String> env) {
        return Config.load(env, dir.resolve("none.env")).access();
    }

    @Test
    void withNothingSetThereAreNoAccountsAndOnlyThisMachineIsListenedOn() {
        Access access = access(Map.of());

        assertThat(access.mode()).isEqualTo(Access.Mode.LOCAL);
        assertThat(access.host()).isEqualTo("127.0.0.1");
        assertThat(access.accounts()).isFalse();
        assertThat(access.sessionIdle()).isEqualTo(Duration.ofHours(12));
        assertThat(access.sessionMax()).isEqualTo(Duration.ofDays(14));
        assertThat(access.baseUrl(8080)).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(access.secureCookies()).isFalse();
    }

    @Test
    void readsModeHostBaseUrlAndSessionTimes() {
        Access access = access(Map.of("AUTH_MODE", "Accounts", "HOST", "0.0.0.0", "PUBLIC_BASE_URL", "https://stories.example.org/",
                "SESSION_IDLE_HOURS", "2", "SESSION_MAX_DAYS", "3"));

        assertThat(access.mode()).isEqualTo(Access.Mode.ACCOUNTS);
        assertThat(access.host()).isEqualTo("0.0.0.0");
        assertThat(access.baseUrl(8080)).isEqualTo(URI.create("https://stories.example.org"));
        assertThat(access.secureCookies()).isTrue();
        assertThat(access.sessionIdle()).isEqualTo(Duration.ofHours(2));
        assertThat(access.sessionMax()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void badValuesStopStartUpNamingTheVariable() {
        assertThatThrownBy(() -> access(Map.of("AUTH_MODE", "password", "PUBLIC_BASE_URL", "stories.example.org",
                "SESSION_IDLE_HOURS", "0", "SESSION_MAX_DAYS", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_MODE=password: must be one of local, accounts, open")
                .hasMessageContaining("PUBLIC_BASE_URL=stories.example.org: must be the http:// or https:// address")
                .hasMessageContaining("SESSION_IDLE_HOURS=0")
                .hasMessageContaining("SESSION_MAX_DAYS=many");
    }

    @Test
    void anIdleTimeLongerThanTheMaximumIsRefused() {
        assertThatThrownBy(() -> access(Map.of("SESSION_IDLE_HOURS", "100", "SESSION_MAX_DAYS", "1")))
                .hasMessageContaining("SESSION_IDLE_HOURS=100 is longer than SESSION_MAX_DAYS=1");
    }

    @Test
    void loopbackIsIpv4AndIpv6LoopbackAndLocalhostButNotTheWildcardOrAnotherAddress() {
        assertThat(Access.isLoopback("127.0.0.1")).isTrue();
        assertThat(Access.isLoopback("127.0.0.2")).isTrue();
        assertThat(Access.isLoopback("::1")).isTrue();
        assertThat(Access.isLoopback("[::1]")).isTrue();
        assertThat(Access.isLoopback("localhost")).isTrue();
        assertThat(Access.isLoopback("0.0.0.0")).isFalse();
        assertThat(Access.isLoopback("::")).isFalse();
        assertThat(Access.isLoopback("10.0.0.5")).isFalse();
        assertThat(Access.isLoopback("")).isFalse();
    }

    @Test
    void withoutAccountsABindBeyondThisMachineIsRefusedNamingAuthMode() {
        Access local = access(Map.of());

        assertThatThrownBy(() -> local.checkBind("0.0.0.0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOST=0.0.0.0")
                .hasMessageContaining("AUTH_MODE=local")
                .hasMessageContaining("Set AUTH_MODE=accounts")
                .hasMessageContaining("AUTH_MODE=open");
        local.checkBind("127.0.0.1");
        local.checkBind("::1");
    }

    @Test
    void accountsAndOpenMayListenOnEveryInterface() {
        access(Map.of("AUTH_MODE", "accounts")).checkBind("0.0.0.0");
        access(Map.of("AUTH_MODE", "open")).checkBind("0.0.0.0");
    }

    @Test
    void openWarnsThatAnyoneWhoCanReachThePortCanSpendWhileTheOthersDoNot() {
        assertThat(access(Map.of("AUTH_MODE", "open")).warnings("0.0.0.0"))
                .singleElement().asString().contains("AUTH_MODE=open", "anyone who can reach the port", "spend");
        assertThat(access(Map.of()).warnings("127.0.0.1")).isEmpty();
        assertThat(access(Map.of("AUTH_MODE", "accounts")).warnings("0.0.0.0")).isEmpty();
    }

    @Test
    void serveOnEveryInterfaceWithoutAccountsExitsWithCode2AndSaysHowToSetAuthMode() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new String[] {"serve", "--host", "0.0.0.0", "--port", "0", "--data", dir.resolve("data").toString()},
                Map.of(), dir.resolve("none.env"), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("AUTH_MODE=local", "AUTH_MODE=accounts");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
