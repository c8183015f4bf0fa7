package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** A worker node's /health: the same Host check and headers as a web node, and no details to strangers with accounts. */
class HealthServerTest {

    private static ObjectNode report() {
        ObjectNode report = JsonNodeFactory.instance.objectNode().put("status", "ok");
        report.putObject("node").put("id", "worker-7").put("role", "worker");
        return report;
    }

    @Test
    void withoutAccountsTheDetailsAreThereAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        try (HealthServer worker = new HealthServer(HealthServerTest::report, WebSettings.DEFAULTS, true).start("127.0.0.1", 0)) {
            RawHttp.Answer health = RawHttp.send(worker.port(), "GET", "/health", (byte[]) null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("worker-7");
            assertThat(health.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(health.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(health.header("Server")).isNull();

            RawHttp.Answer elsewhere = RawHttp.send(worker.port(), "GET", "/", (byte[]) null);
            assertThat(elsewhere.status()).isEqualTo(404);
            assertThat(elsewhere.header("Content-Type")).startsWith("application/json");
            assertThat(elsewhere.body()).contains("NODE_ROLE=worker");
        }
    }

    @Test
    void withAccountsOnlyTheStatusIsToldAndAForeignHostIsRefused() throws Exception {
        try (HealthServer worker = new HealthServer(HealthServerTest::report, WebSettings.DEFAULTS, false).start("127.0.0.1", 0)) {
            RawHttp.Answer health = RawHttp.send(worker.port(), "GET", "/health", (byte[]) null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

            RawHttp.Answer rebound = RawHttp.send(worker.port(), "GET", "/health", (byte[]) null, "Host", "attacker.example");
            assertThat(rebound.status()).isEqualTo(421);
            assertThat(rebound.body()).contains("misdirected_request", "ALLOWED_HOSTS");
            assertThat(rebound.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }
}
