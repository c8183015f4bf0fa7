package fableforge.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-ins on their way through an OpenID Connect provider (V9 {@code oidc_login}): what the browser's
 * return must match. In the database, so the provider may send the browser back to any node.
 */
public final class OidcLoginRepository {

    private final Jdbi jdbi;
    private final Clock clock;

    public OidcLoginRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What was kept for one sign-in: the nonce the ID token must carry and the PKCE code verifier. */
    public record Pending(String nonce, String verifier) {
    }

    /**
     * Keeps a new sign-in, first dropping those past their end (so the table holds at most the last ten
     * minutes' worth); false, and nothing kept, when {@code maxPending} are under way already.
     */
    public boolean add(String stateHash, String nonce, String verifier, Instant expires, int maxPending) {
        long now = clock.millis();
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM oidc_login WHERE expires <= :now").bind("now", now).execute();
            if (handle.createQuery("SELECT COUNT(*) FROM oidc_login").mapTo(Integer.class).one() >= maxPending) {
                return false;
            }
            handle.createUpdate("""
                            INSERT INTO oidc_login (state_hash, nonce, verifier, created, expires)
                            VALUES (:state, :nonce, :verifier, :now, :expires)""")
                    .bind("state", stateHash).bind("nonce", nonce).bind("verifier", verifier).bind("now", now)
                    .bind("expires", expires.toEpochMilli()).execute();
            return true;
        });
    }

    /**
     * Takes the sign-in out: it can be used once. Empty when unknown, used already or expired. The
     * delete decides, so two requests racing with the same state cannot both get it.
     */
    public Optional<Pending> take(String stateHash) {
        long now = clock.millis();
        return jdbi.inTransaction(handle -> {
            Optional<Pending> pending = handle.createQuery("SELECT nonce, verifier FROM oidc_login WHERE state_hash = :state AND expires > :now")
                    .bind("state", stateHash).bind("now", now)
                    .map((row, context) -> new Pending(row.getString("nonce"), row.getString("verifier"))).findOne();
            int deleted = handle.createUpdate("DELETE FROM oidc_login WHERE state_hash = :state").bind("state", stateHash).execute();
            return deleted == 1 ? pending : Optional.<Pending>empty();
        });
    }
}
