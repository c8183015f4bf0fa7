package fableforge.store;

import static org.assertj.core.api.Assertions.assertThat;

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

@ParameterizedClass
@EnumSource(Engine.class)
class AccountRepositoryTest {

    private static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    @Parameter
    Engine engine;

    private final TestStories.SteppingClock clock = new TestStories.SteppingClock(START);
    private TestDatabase store;
    private AccountRepository accounts;

    @BeforeEach
    void open() {
        store = engine.open(dir);
        accounts = new AccountRepository(store.database().jdbi(), clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anAccountIsFoundByNameAndIdWithoutAPasswordUntilOneIsSet() {
        assertThat(accounts.create("a1", "ada", true)).isTrue();

        Account ada = accounts.findByName("ada").orElseThrow();
        assertThat(ada.id()).isEqualTo("a1");
        assertThat(ada.admin()).isTrue();
        assertThat(ada.passwordHash()).isEmpty();
        assertThat(accounts.findById("a1")).contains(ada);

        accounts.setPassword("a1", "$argon2id$...");
        assertThat(accounts.findByName("ada").orElseThrow().passwordHash()).contains("$argon2id$...");
    }

    @Test
    void aTakenNameIsRefusedAndNothingIsWritten() {
        accounts.create("a1", "ada", false);

        assertThat(accounts.create("a2", "ada", true)).isFalse();
        assertThat(accounts.list()).extracting(Account::id).containsExactly("a1");
    }

    @Test
    void theListIsByName() {
        accounts.create("a1", "zoe", false);
        accounts.create("a2", "ada", false);

        assertThat(accounts.list()).extracting(Account::name).containsExactly("ada", "zoe");
    }

    @Test
    void aTokenFindsItsAccountAndRevokingOthersKeepsOnlyTheNewest() {
        accounts.create("a1", "ada", false);
        accounts.addToken("a1", "old-hash");
        accounts.addToken("a1", "new-hash");

        assertThat(accounts.useToken("old-hash")).map(Account::name).contains("ada");
        assertThat(accounts.revokeTokensExcept("a1", "new-hash")).isEqualTo(1);
        assertThat(accounts.useToken("old-hash")).isEmpty();
        assertThat(accounts.useToken("new-hash")).isPresent();
        assertThat(accounts.useToken("unknown")).isEmpty();
    }

    @Test
    void aSessionKeepsWhenItWasLastSeenAndWhenItEnds() {
        accounts.create("a1", "ada", false);
        accounts.createSession("a1", "session-hash", START.plus(Duration.ofDays(14)));

        AccountRepository.Session session = accounts.findSession("session-hash").orElseThrow();
        assertThat(session.account().name()).isEqualTo("ada");
        assertThat(session.expiresAt()).isEqualTo(START.plus(Duration.ofDays(14)));
        Instant created = session.lastSeen();

        clock.advance(Duration.ofMinutes(5));
        accounts.touchSession("session-hash");
        assertThat(accounts.findSession("session-hash").orElseThrow().lastSeen()).isAfter(created);

        accounts.deleteSession("session-hash");
        assertThat(accounts.findSession("session-hash")).isEmpty();
    }

    @Test
    void aLinkWorksOnceAndNotAfterItExpires() {
        accounts.create("a1", "ada", false);
        accounts.addLink("a1", "link-hash", START.plus(Duration.ofHours(24)));
        accounts.addLink("a1", "short-hash", START.plusSeconds(1));

        assertThat(accounts.peekLink("link-hash")).isPresent();
        assertThat(accounts.useLink("link-hash")).map(Account::name).contains("ada");
        assertThat(accounts.useLink("link-hash")).isEmpty();
        assertThat(accounts.peekLink("link-hash")).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        assertThat(accounts.useLink("short-hash")).isEmpty();
    }

    @Test
    void removingAnAccountRemovesItsTokensSessionsAndLinks() {
        accounts.create("a1", "ada", false);
        accounts.create("a2", "bob", false);
        accounts.addToken("a1", "t1");
        accounts.addToken("a2", "t2");
        accounts.createSession("a1", "s1", START.plus(Duration.ofDays(1)));
        accounts.addLink("a1", "l1", START.plus(Duration.ofDays(1)));

        assertThat(accounts.delete("a1")).isTrue();

        assertThat(accounts.findByName("ada")).isEmpty();
        assertThat(accounts.useToken("t1")).isEmpty();
        assertThat(accounts.findSession("s1")).isEmpty();
        assertThat(accounts.useLink("l1")).isEmpty();
        assertThat(accounts.useToken("t2")).map(Account::name).contains("bob");
        assertThat(accounts.delete("a1")).isFalse();
    }
}
