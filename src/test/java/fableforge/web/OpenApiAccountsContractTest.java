package fableforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With AUTH_MODE=accounts, the answers only accounts give, checked against web/openapi.yaml: who is signed
 * in, the sign-in options, health as a user sees it and as an admin sees it, an admin's list with each
 * story's owner, and the 401 of nobody.
 */
class OpenApiAccountsContractTest {

    private static final OpenApiContract CONTRACT = new OpenApiContract();

    @TempDir
    Path dir;

    private AccountsApp users;

    @BeforeEach
    void start() throws Exception {
        users = AccountsApp.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        users.close();
    }

    @Test
    void accountAnswersAnswerOnlyWhatTheDocumentDeclares() throws Exception {
        conforms("POST", "/submit", users.as(users.ada(), "POST", "/submit", TestApp.redFoxQuiz().toString()));

        JsonNode me = conforms("GET", "/api/me", users.as(users.ada(), "GET", "/api/me", null));
        assertThat(me.get("name").asText()).isEqualTo("ada");
        conforms("GET", "/api/signin/options", users.send("GET", "/api/signin/options", null));
        assertThat(conforms("GET", "/health", users.as(users.ada(), "GET", "/health", null)).size()).as("a user learns only the status").isOne();
        assertThat(conforms("GET", "/health", users.as(users.root(), "GET", "/health", null)).has("providers")).isTrue();
        JsonNode everyone = conforms("GET", "/api/stories", users.as(users.root(), "GET", "/api/stories", null));
        assertThat(everyone.get("stories").get(0).get("owner").asText()).isEqualTo("ada");
        assertThat(conforms("GET", "/api/stories", users.as(users.ada(), "GET", "/api/stories", null)).get("stories").get(0).has("owner"))
                .isFalse();
        conforms("GET", "/api/me", users.send("GET", "/api/me", null));
    }

    private static JsonNode conforms(String method, String path, HttpResponse<String> response) {
        assertThat(CONTRACT.problemsOf(method, path, response.statusCode(), response.body()))
                .as(method + " " + path + " " + response.statusCode() + ": " + response.body()).isEmpty();
        return TestApp.json(response.body());
    }
}
