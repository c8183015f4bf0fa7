package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fableforge.auth.Accounts;
import fableforge.auth.Passwords;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.ProviderMeters;
import fableforge.store.AccountRepository;
import fableforge.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker node's {@code GET /metrics} on its health port: the provider calls its pipelines counted, in
 * Prometheus text, under the web node's rule: with accounts an admin's API token only (401 to nobody,
 * 403 to a user who is no admin); without accounts anyone who reaches the port.
 */
class WorkerMetricsTest {

    @TempDir
    Path data;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void withAccountsAnAdminsTokenReadsTheWorkersProviderCallsAndNobodyElseDoes() throws Exception {
        callAFakeProviderTwice();
        try (Database database = Database.open(data)) {
            Accounts accounts = new Accounts(new AccountRepository(database.jdbi(), Clock.systemUTC()), new Passwords(), Clock.systemUTC(),
                    URI.create("http://localhost"), Duration.ofHours(1), Duration.ofDays(1));
            String admin = accounts.add("root", true).token();
            String user = accounts.add("ada", false).token();
            try (HealthServer worker = worker(false).metrics(new WebMetrics(() -> WebMetrics.Snapshot.EMPTY, registry), Optional.of(accounts))
                    .start("127.0.0.1", 0)) {
                RawHttp.Answer anonymous = RawHttp.send(worker.port(), "GET", "/metrics", (byte[]) null);
                assertThat(anonymous.status()).isEqualTo(401);
                assertThat(anonymous.header("Content-Type")).startsWith("application/json");
                assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(anonymous.body()).doesNotContain("fableforge_");

                for (String variant : new String[] {"/metrics/", "//metrics", "/metrics?format=text", "/metrics;x"}) {
                    int status = RawHttp.send(worker.port(), "GET", variant, (byte[]) null).status();
                    assertThat(status).as("anonymous " + variant).isIn(401, 404, 400);
                }
                assertThat(RawHttp.send(worker.port(), "HEAD", "/metrics", (byte[]) null).status()).isEqualTo(401);

                RawHttp.Answer wrongToken = RawHttp.send(worker.port(), "GET", "/metrics", (byte[]) null, "Authorization", "Bearer ff_not-a-token");
                assertThat(wrongToken.status()).isEqualTo(401);

                RawHttp.Answer notAdmin = RawHttp.send(worker.port(), "GET", "/metrics", (byte[]) null, "Authorization", "Bearer " + user);
                assertThat(notAdmin.status()).isEqualTo(403);
                assertThat(notAdmin.body()).contains("forbidden").doesNotContain("fableforge_");

                RawHttp.Answer scraped = RawHttp.send(worker.port(), "GET", "/metrics", (byte[]) null, "Authorization", "Bearer " + admin);
                assertThat(scraped.status()).isEqualTo(200);
                assertThat(scraped.header("Content-Type")).startsWith("text/plain; version=0.0.4");
                assertThat(scraped.body())
                        .contains("fableforge_provider_calls_seconds_count{operation=\"image\",outcome=\"ok\",provider=\"fake\"} 1")
                        .contains("fableforge_provider_calls_seconds_count{operation=\"image\",outcome=\"server_error\",provider=\"fake\"} 1")
                        .contains("fableforge_jobs_queued{queue=\"images\"}");
            }
        }
    }

    @Test
    void withoutAccountsAnyoneWhoReachesThePortReadsIt() throws Exception {
        callAFakeProviderTwice();
        try (HealthServer worker = worker(true).metrics(new WebMetrics(() -> WebMetrics.Snapshot.EMPTY, registry), Optional.empty())
                .start("127.0.0.1", 0)) {
            RawHttp.Answer scraped = RawHttp.send(worker.port(), "GET", "/metrics", (byte[]) null);

            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body()).contains("fableforge_provider_calls_seconds_count{operation=\"image\",outcome=\"ok\",provider=\"fake\"} 1");
        }
    }

    @Test
    void aWorkerStartedWithoutMetricsStillAnswersOnlyHealth() throws Exception {
        try (HealthServer worker = worker(true).start("127.0.0.1", 0)) {
            assertThat(RawHttp.send(worker.port(), "GET", "/metrics", (byte[]) null).status()).isEqualTo(404);
        }
    }

    private static HealthServer worker(boolean details) {
        return new HealthServer(() -> JsonNodeFactory.instance.objectNode().put("status", "ok"), WebSettings.DEFAULTS, details);
    }

    /** One try that fails with a 5xx-like error, retried once successfully: what a worker's image pipeline does. */
    private void callAFakeProviderTwice() throws Exception {
        CallPipeline<String> drawing = CallPipeline.<String>builder()
                .retry((nextTry, error, lastWait) -> nextTry <= 2 ? Optional.of(Duration.ZERO) : Optional.empty(), wait -> { })
                .metered(new ProviderMeters(registry).of("fake", "image"))
                .build();
        drawing.call(current -> {
            if (current.number() == 1) {
                throw new ProviderException(new ProviderError.Transient("502 from the fake"));
            }
            return "drawn";
        });
    }
}
