package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** V9 on SQLite and PostgreSQL: OIDC sign-ins under way (once, until they expire, capped) and accounts linked to a provider's subject. */
@ParameterizedClass
@EnumSource(Engine.class)
class OidcStoreTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ISSUER = "https://login.example.org";

    @TempDir
    Path dir;

    @Parameter
    Engine engine;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(START);
    private TestDatabase store;
    private OidcLoginRepository logins;
    private AccountRepository accounts;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        logins = new OidcLoginRepository(store.database().jdbi(), clock);
        accounts = new AccountRepository(store.database().jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aPendingSignInIsTakenOnceWithItsNonceAndVerifier() {
        assertThat(logins.add("state-hash", "the-nonce", "the-verifier", START.plus(Duration.ofMinutes(10)), 100)).isTrue();

        assertThat(logins.take("state-hash")).contains(new OidcLoginRepository.Pending("the-nonce", "the-verifier"));
        assertThat(logins.take("state-hash")).as("used up").isEmpty();
        assertThat(logins.take("never-made")).isEmpty();
    }

    @Test
    void anExpiredSignInIsRefusedAndDroppedWhenTheNextStarts() {
        logins.add("old", "n", "v", START.plus(Duration.ofMinutes(10)), 2);
        logins.add("older", "n", "v", START.plus(Duration.ofMinutes(10)), 2);
        assertThat(logins.add("third", "n", "v", START.plus(Duration.ofMinutes(10)), 2)).as("capped at 2 under way").isFalse();

        clock.advance(Duration.ofMinutes(10));
        assertThat(logins.take("old")).isEmpty();
        assertThat(logins.add("fresh", "n", "v", clock.instant().plus(Duration.ofMinutes(10)), 2)).as("the expired ones were dropped").isTrue();
        assertThat(logins.take("fresh")).isPresent();
    }

    @Test
    void aProviderAccountIsFoundByIssuerAndSubjectUnderAFreeName() {
        accounts.create("p1", "ada", false); // a password account never taken over

        Account made = accounts.createForOidc("o1", "ada", false, ISSUER, "subject-1");
        Account other = accounts.createForOidc("o2", "ada", true, ISSUER, "subject-2");
        Account elsewhere = accounts.createForOidc("o3", "ada", false, "https://other.example", "subject-1");

        assertThat(made.name()).isEqualTo("ada-2");
        assertThat(other.name()).isEqualTo("ada-3");
        assertThat(other.admin()).isTrue();
        assertThat(elsewhere.name()).isEqualTo("ada-4");
        assertThat(accounts.findByOidc(ISSUER, "subject-1")).contains(made);
        assertThat(accounts.findByOidc(ISSUER, "subject-3")).isEmpty();
        assertThat(accounts.findByName("ada").orElseThrow().id()).isEqualTo("p1");
        assertThatThrownBy(() -> accounts.createForOidc("o4", "someone", false, ISSUER, "subject-1"))
                .as("one account per person at a provider").isInstanceOf(RuntimeException.class);
        assertThat(accounts.findByName("someone")).isEmpty();

        accounts.setAdmin("o1", true);
        assertThat(accounts.findByOidc(ISSUER, "subject-1").orElseThrow().admin()).isTrue();
    }
}
