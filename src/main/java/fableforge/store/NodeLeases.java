package fableforge.store;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Named work that one node at a time does for all of them (the Google Sheets relay), held by a lease
 * the holder keeps renewing. When the holder dies its lease runs out and another node takes the work.
 */
public final class NodeLeases {

    private final Jdbi jdbi;

    public NodeLeases(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Takes or renews the lease {@code name} for {@code node} until {@code until}. True if {@code node}
     * holds it now; false while another node's lease has not run out.
     */
    public boolean hold(String name, String node, Instant now, Instant until) {
        // ON CONFLICT … DO UPDATE … WHERE: one statement on SQLite (3.24+) and PostgreSQL, so two
        // nodes asking at once cannot both win.
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO node_lease (name, holder, lease_until) VALUES (:name, :node, :until)
                        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
                        WHERE node_lease.holder = excluded.holder OR node_lease.lease_until < :now""")
                .bind("name", name)
                .bind("node", node)
                .bind("until", until.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute() == 1);
    }

    /** Gives the lease up, if {@code node} holds it, so another node can take it at once. */
    public void release(String name, String node) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM node_lease WHERE name = :name AND holder = :node")
                .bind("name", name)
                .bind("node", node)
                .execute());
    }
}
