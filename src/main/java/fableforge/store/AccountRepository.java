package fableforge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts and their credentials (V7). Tokens, sessions and sign-in links are found by the SHA-256 of
 * their secret, which is all that is stored (see {@code auth.Secrets}); the callers hash.
 */
public final class AccountRepository {

    private final Jdbi jdbi;
    private final Clock clock;

    public AccountRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A session as stored: whose, when last used and when it ends at the latest. */
    public record Session(Account account, Instant lastSeen, Instant expiresAt) {
    }

    /** Adds the account; false (and nothing written) when the name is taken. */
    public boolean create(String id, String name, boolean admin) {
        return jdbi.inTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM account WHERE name = :name").bind("name", name).mapTo(Integer.class).one() > 0) {
                return false;
            }
            handle.createUpdate("INSERT INTO account (id, name, admin, password_hash, created_at) VALUES (:id, :name, :admin, NULL, :now)")
                    .bind("id", id).bind("name", name).bind("admin", admin ? 1 : 0).bind("now", clock.millis()).execute();
            return true;
        });
    }

    public Optional<Account> findByName(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM account WHERE name = :name")
                .bind("name", name).map((row, context) -> account(row)).findOne());
    }

    public Optional<Account> findById(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM account WHERE id = :id")
                .bind("id", id).map((row, context) -> account(row)).findOne());
    }

    /** Every account, by name. */
    public List<Account> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM account ORDER BY name")
                .map((row, context) -> account(row)).list());
    }

    /** Removes the account with its tokens, sessions and links; its stories stay (only admins see them then). */
    public boolean delete(String accountId) {
        return jdbi.inTransaction(handle -> {
            for (String table : List.of("account_token", "account_session", "signin_link")) {
                handle.createUpdate("DELETE FROM " + table + " WHERE account_id = :id").bind("id", accountId).execute();
            }
            return handle.createUpdate("DELETE FROM account WHERE id = :id").bind("id", accountId).execute() == 1;
        });
    }

    public void setPassword(String accountId, String passwordHash) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account SET password_hash = :hash WHERE id = :id")
                .bind("hash", passwordHash).bind("id", accountId).execute());
    }

    // ---- accounts of an OpenID Connect provider (V9) ----

    /** The account the provider's {@code issuer} and {@code subject} were linked to, if any. */
    public Optional<Account> findByOidc(String issuer, String subject) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM account WHERE oidc_issuer = :issuer AND oidc_subject = :subject")
                .bind("issuer", issuer).bind("subject", subject).map((row, context) -> account(row)).findOne());
    }

    /**
     * A new account without password, linked to the provider's {@code issuer} and {@code subject}, named
     * {@code name}, or {@code name-2}, {@code name-3}, ... when taken ({@code name} leaves room for the suffix).
     * Two nodes racing for the same person or name make one of them fail on a UNIQUE index, never two accounts.
     */
    public Account createForOidc(String id, String name, boolean admin, String issuer, String subject) {
        return jdbi.inTransaction(handle -> {
            String free = name;
            for (int n = 2; handle.createQuery("SELECT COUNT(*) FROM account WHERE name = :name").bind("name", free)
                    .mapTo(Integer.class).one() > 0; n++) {
                free = name + "-" + n;
            }
            handle.createUpdate("""
                            INSERT INTO account (id, name, admin, password_hash, created_at, oidc_issuer, oidc_subject)
                            VALUES (:id, :name, :admin, NULL, :now, :issuer, :subject)""")
                    .bind("id", id).bind("name", free).bind("admin", admin ? 1 : 0).bind("now", clock.millis())
                    .bind("issuer", issuer).bind("subject", subject).execute();
            return handle.createQuery("SELECT * FROM account WHERE id = :id").bind("id", id).map((row, context) -> account(row)).one();
        });
    }

    public void setAdmin(String accountId, boolean admin) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account SET admin = :admin WHERE id = :id")
                .bind("admin", admin ? 1 : 0).bind("id", accountId).execute());
    }

    // ---- API tokens ----

    public void addToken(String accountId, String tokenHash) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO account_token (token_hash, account_id, created_at, last_used) VALUES (:hash, :account, :now, NULL)""")
                .bind("hash", tokenHash).bind("account", accountId).bind("now", clock.millis()).execute());
    }

    /** Removes every token of the account but {@code keptHash}. */
    public int revokeTokensExcept(String accountId, String keptHash) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM account_token WHERE account_id = :account AND token_hash <> :kept")
                .bind("account", accountId).bind("kept", keptHash).execute());
    }

    /** The token's account, noting when it was used. */
    public Optional<Account> useToken(String tokenHash) {
        return jdbi.withHandle(handle -> {
            Optional<Account> account = handle.createQuery("""
                            SELECT a.* FROM account_token t JOIN account a ON a.id = t.account_id WHERE t.token_hash = :hash""")
                    .bind("hash", tokenHash).map((row, context) -> account(row)).findOne();
            if (account.isPresent()) {
                handle.createUpdate("UPDATE account_token SET last_used = :now WHERE token_hash = :hash")
                        .bind("now", clock.millis()).bind("hash", tokenHash).execute();
            }
            return account;
        });
    }

    // ---- sessions ----

    public void createSession(String accountId, String idHash, Instant expiresAt) {
        long now = clock.millis();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO account_session (id_hash, account_id, created_at, last_seen, expires_at)
                        VALUES (:hash, :account, :now, :now, :expires)""")
                .bind("hash", idHash).bind("account", accountId).bind("now", now).bind("expires", expiresAt.toEpochMilli()).execute());
    }

    public Optional<Session> findSession(String idHash) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT a.*, s.last_seen, s.expires_at FROM account_session s JOIN account a ON a.id = s.account_id
                        WHERE s.id_hash = :hash""")
                .bind("hash", idHash)
                .map((row, context) -> new Session(account(row), Instant.ofEpochMilli(row.getLong("last_seen")),
                        Instant.ofEpochMilli(row.getLong("expires_at"))))
                .findOne());
    }

    /** Slides the session's idle end: it was used now. */
    public void touchSession(String idHash) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE account_session SET last_seen = :now WHERE id_hash = :hash")
                .bind("now", clock.millis()).bind("hash", idHash).execute());
    }

    /** Ends every browser session of the account (a changed password signs the other browsers out). */
    public void deleteSessionsOf(String accountId) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM account_session WHERE account_id = :id").bind("id", accountId).execute());
    }

    public void deleteSession(String idHash) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM account_session WHERE id_hash = :hash").bind("hash", idHash).execute());
    }

    // ---- sign-in links ----

    public void addLink(String accountId, String linkHash, Instant expiresAt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO signin_link (link_hash, account_id, expires_at, used_at) VALUES (:hash, :account, :expires, NULL)""")
                .bind("hash", linkHash).bind("account", accountId).bind("expires", expiresAt.toEpochMilli()).execute());
    }

    /**
     * Uses the link if it is unused and unexpired, in one conditional update, so two requests racing
     * with the same link cannot both succeed: the link's account, or empty.
     */
    public Optional<Account> useLink(String linkHash) {
        long now = clock.millis();
        return jdbi.inTransaction(handle -> {
            int used = handle.createUpdate("""
                            UPDATE signin_link SET used_at = :now WHERE link_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                    .bind("now", now).bind("hash", linkHash).execute();
            if (used != 1) {
                return Optional.<Account>empty();
            }
            return handle.createQuery("SELECT a.* FROM signin_link l JOIN account a ON a.id = l.account_id WHERE l.link_hash = :hash")
                    .bind("hash", linkHash).map((row, context) -> account(row)).findOne();
        });
    }

    /** Whether the link could still be used (for the page to say so before asking for a password). */
    public Optional<Account> peekLink(String linkHash) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT a.* FROM signin_link l JOIN account a ON a.id = l.account_id
                        WHERE l.link_hash = :hash AND l.used_at IS NULL AND l.expires_at > :now""")
                .bind("hash", linkHash).bind("now", clock.millis()).map((row, context) -> account(row)).findOne());
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getString("id"), row.getString("name"), row.getInt("admin") == 1,
                Optional.ofNullable(row.getString("password_hash")), Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
