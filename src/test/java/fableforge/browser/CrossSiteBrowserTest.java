package fableforge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Response;
import com.sun.net.httpserver.HttpServer;
import fableforge.web.ApprovedStories;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page on another origin (a second small server on another loopback port, opened as localhost, so
 * cross-site, or as 127.0.0.1, so same-site) tries to approve an image of a FableForge story in Chromium:
 * with an HTML form (the classic CSRF, text/plain shaped like JSON) and with fetch(). The server refuses
 * every one and the story is unchanged.
 */
class CrossSiteBrowserTest extends BrowserTest {

    private HttpServer attacker;
    private String storyId;

    @BeforeAll
    void seedADrawnStoryAndStartTheOtherSite() throws Exception {
        // Only the refusals are under test: the story is written drawn, as the flow leaves it, not walked there.
        storyId = ApprovedStories.seedDrawn(server, data);
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] page = attackerPage().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
    }

    @AfterAll
    void stopTheOtherSite() {
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    /** A form whose text/plain body reads as {"action":"approve","x":"="}, and a button that fetch()es the same. */
    private String attackerPage() {
        String target = baseUrl() + "approve_image/" + storyId + "/1";
        return """
                <!doctype html><html><body>
                <form id="csrf" method="POST" enctype="text/plain" action="%s">
                  <input type="hidden" name='{"action":"approve","x":"' value='"}'>
                  <button id="submit-form" type="submit">Win a prize</button>
                </form>
                <script>
                  async function simple() {
                    await fetch('%s', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},
                                       body: '{"action":"approve"}'});
                    return 'sent';
                  }
                  async function asJson() {
                    try {
                      await fetch('%s', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"action":"approve"}'});
                      return 'read';
                    } catch (e) {
                      return 'blocked';
                    }
                  }
                </script>
                </body></html>
                """.formatted(target, target, target);
    }

    private String attackerUrl(String host) {
        return "http://" + host + ":" + attacker.getAddress().getPort() + "/";
    }

    @Test
    void aFormOnAnotherSiteCannotApprove() throws Exception {
        JsonNode before = new StoryApi(baseUrl()).story(storyId);
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            page.navigate(attackerUrl(host));
            Response answer = page.waitForResponse(response -> response.url().contains("/approve_image/"),
                    () -> page.click("#submit-form"));
            assertThat(answer.status()).as("form from " + host).isIn(403, 415);
            assertThat(answer.headerValue("content-type")).startsWith("application/json");
        }
        screenshot("cross-site-form-refused");
        assertThat(new StoryApi(baseUrl()).story(storyId)).isEqualTo(before);
        assertThat(before.get("images").get("1").get("status").asText()).isEqualTo("pending_approval");
    }

    @Test
    void fetchFromAnotherSiteCannotApprove() throws Exception {
        JsonNode before = new StoryApi(baseUrl()).story(storyId);
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            page.navigate(attackerUrl(host));
            Response answer = page.waitForResponse(response -> response.url().contains("/approve_image/") && response.request().method().equals("POST"),
                    () -> page.evaluate("simple()"));
            assertThat(answer.status()).as("no-cors fetch from " + host).isEqualTo(403);
            // A JSON fetch needs a CORS preflight; the server grants none, so the browser never sends the POST.
            assertThat(page.evaluate("asJson()")).as("JSON fetch from " + host).isEqualTo("blocked");
        }
        assertThat(new StoryApi(baseUrl()).story(storyId)).isEqualTo(before);
        assertThat(before.get("images").get("1").get("status").asText()).isEqualTo("pending_approval");
    }
}
