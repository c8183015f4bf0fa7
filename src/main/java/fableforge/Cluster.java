package fableforge;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How this process shares the work with other nodes: the shared database and Redis, its role and id,
 * and the job leases. With none of it set, one process does everything on the embedded database.
 *
 * @param databaseUrl    PostgreSQL ({@code DATABASE_URL}); empty: the embedded SQLite file in the data directory
 * @param databasePool   connections to PostgreSQL per node
 * @param redisUrl       Redis ({@code REDIS_URL}) for live events and the shared rate limit; empty: in-process
 * @param redisKeyPrefix put before every Redis key and channel, so deployments can share one Redis
 * @param role           {@code web} (pages, API, SSE), {@code worker} (jobs, and /health) or {@code all}
 * @param nodeId         written on the jobs this node claims; keep it stable across restarts to take
 *                       back this node's jobs at once
 * @param jobLease       how long a claim lasts unrenewed: a dead node's jobs are taken over after this
 * @param jobPoll        how often workers look for jobs queued on other nodes
 */
public record Cluster(Optional<String> databaseUrl, int databasePool, Optional<String> redisUrl, String redisKeyPrefix,
                      String role, String nodeId, Duration jobLease, Duration jobPoll) {

    /** The URLs may carry passwords ({@code postgres://user:pass@…}, {@code redis://:pass@…}). */
    @Override
    public String toString() {
        return Redacted.describe(this, "databaseUrl", "redisUrl");
    }

    /** The passwords inside the database and Redis URLs, for {@code Config.secrets()}. */
    java.util.List<String> secrets() {
        java.util.List<String> passwords = new java.util.ArrayList<>();
        databaseUrl.ifPresent(url -> passwords.addAll(UrlPasswords.of(url)));
        redisUrl.ifPresent(url -> passwords.addAll(UrlPasswords.of(url)));
        return passwords;
    }


    public static final List<String> ROLES = List.of("all", "web", "worker");

    static Cluster read(SettingsReader reader) {
        Cluster cluster = new Cluster(
                reader.text("DATABASE_URL"),
                reader.integer("DATABASE_POOL_SIZE", 10, 2, 200),
                reader.text("REDIS_URL"),
                reader.text("REDIS_KEY_PREFIX", "fableforge:"),
                reader.choice("NODE_ROLE", ROLES).orElse("all"),
                reader.text("NODE_ID").orElseGet(Cluster::defaultNodeId),
                Duration.ofSeconds(reader.integer("JOB_LEASE_SECONDS", 30, 1, 3_600)),
                Duration.ofMillis(reader.integer("JOB_POLL_MS", 500, 50, 60_000)));
        cluster.problem().ifPresent(reader::problem);
        return cluster;
    }

    /** A role that cannot work with this database, said so that the user knows what to set. */
    Optional<String> problem() {
        if (!role.equals("all") && databaseUrl.isEmpty()) {
            return Optional.of("NODE_ROLE=" + role + " needs DATABASE_URL: the embedded database belongs to one process, "
                    + "which then does everything (NODE_ROLE=all)");
        }
        return Optional.empty();
    }

    /** Settings that work but that a deployment of several nodes most likely did not mean. */
    public List<String> warnings(String mediaAdapter) {
        if (databaseUrl.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new java.util.ArrayList<>();
        if (redisUrl.isEmpty()) {
            warnings.add("DATABASE_URL is set but REDIS_URL is not: browsers see events of jobs run on other nodes only at "
                    + "each SSE heartbeat, and each node keeps its own image rate limit");
        }
        if (mediaAdapter.equals("local")) {
            warnings.add("media are stored in this node's data directory: with several nodes use S3 or Cloudinary "
                    + "(MEDIA_STORE), or put FABLEFORGE_DATA_DIR/media on a volume every node shares");
        }
        return warnings;
    }


    public boolean servesWeb() {
        return !role.equals("worker");
    }

    public boolean runsJobs() {
        return !role.equals("web");
    }

    /**
     * Host name, process id and a random part: unique per live process (and per app in one process,
     * as in tests), and readable in the logs and the database.
     */
    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(new java.security.SecureRandom().nextInt(0x10000));
    }
}
