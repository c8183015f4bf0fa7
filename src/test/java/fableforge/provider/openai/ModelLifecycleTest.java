package fableforge.provider.openai;

import fableforge.settings.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.App;
import fableforge.Config;
import fableforge.fake.FakeOpenAiImages;
import fableforge.fake.FakeOpenAiModels;
import fableforge.fake.FakeOpenAiModels.Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up's model check against a fake OpenAI listing today's models with their shutdown dates. */
class ModelLifecycleTest {

    private static final String KEY = "sk-lifecycle";
    /** The day the issue was filed: gpt-4o-mini shuts down on 2027-01-14, 43 days later. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeOpenAiImages openAi = new FakeOpenAiImages(KEY);

    @AfterEach
    void stop() {
        openAi.close();
    }

    private App app(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        return new App(Config.load(env, dir.resolve("none.env")), TODAY);
    }

    @Test
    void aRetiredImageModelStopsStartUpNamingTheVariableTheModelAndAnAvailableOne() {
        assertThatThrownBy(() -> app(Map.of("OPENAI_IMAGE_MODEL", "dall-e-3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENAI_IMAGE_MODEL=dall-e-3")
                .hasMessageContaining("retired or not available to this key")
                .hasMessageContaining("available image models: gpt-image-2");
    }

    @Test
    void aConfiguredChatModelNotListedStopsStartUpWithTheChatModelsThatAre() {
        assertThatThrownBy(() -> app(Map.of("OPENAI_CHAT_MODEL", "gpt-3.5-turbo")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OPENAI_CHAT_MODEL=gpt-3.5-turbo")
                .hasMessageContaining("gpt-5.4-mini").hasMessageNotContaining("gpt-image-2");
    }

    @Test
    void autoPicksTheFirstPreferredModelListedWithNoShutdownNear() {
        openAi.models().list(List.of(new Model("gpt-5.4-mini", "2026-12-20"), new Model("gpt-5-mini", null),
                new Model("gpt-image-2", null), new Model("tts-1", null)));

        App app = app(Map.of());

        assertThat(app.providers().openAi().chatModel()).as("gpt-5.4-mini goes in 18 days").isEqualTo("gpt-5-mini");
        assertThat(app.providers().speech().model()).as("gpt-4o-mini-tts is not listed").isEqualTo("tts-1");
    }

    @Test
    void healthShowsTheNearShutdownOfTheChatModelInUseAndWhatToDo() throws Exception {
        try (App.RunningServer server = app(Map.of("OPENAI_CHAT_MODEL", "gpt-4o-mini"))
                .serve("127.0.0.1", 0, dir.resolve("data"))) {
            JsonNode models = get(server.port(), "/health").get("models");

            assertThat(models.get("listed").asBoolean()).isTrue();
            JsonNode shutdown = models.get("shutdowns").get(0);
            assertThat(shutdown.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(shutdown.get("variable").asText()).isEqualTo("OPENAI_CHAT_MODEL");
            assertThat(shutdown.get("shutdown_date").asText()).isEqualTo("2027-01-14");
            assertThat(shutdown.get("days_left").asInt()).isEqualTo(43);
            assertThat(shutdown.get("message").asText()).contains("set OPENAI_CHAT_MODEL to a current model or to auto");
            assertThat(models.get("shutdowns")).hasSize(1);
        }
    }

    @Test
    void aCompatibleServerWithoutAModelListIsUsedAsConfiguredWithAWarning() {
        openAi.models().withoutEndpoint();

        App app = app(Map.of("OPENAI_IMAGE_MODEL", "my-local-model"));

        assertThat(app.providers().openAi().imageModel()).isEqualTo("my-local-model");
        assertThat(app.providers().openAi().chatModel()).as("auto: the first preference").isEqualTo("gpt-5.4-mini");
    }

    @Test
    void aRefusedKeyStopsStartUpAtTheModelCheck() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-wrong");
        env.put("OPENAI_BASE_URL", openAi.baseUrl());

        assertThatThrownBy(() -> new App(Config.load(env, dir.resolve("none.env")), TODAY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void theDailyRecheckFindsAShutdownAnnouncedAfterStartUp() {
        ModelLifecycle lifecycle = new ModelLifecycle(new ModelCatalog(URI.create(openAi.baseUrl()), java.util.Optional.of(KEY),
                java.time.Duration.ofSeconds(5), TODAY), ModelTable.builtIn(), TODAY);
        List<ModelLifecycle.Wanted> wanted = List.of(new ModelLifecycle.Wanted("image", "OPENAI_IMAGE_MODEL", "gpt-image-2",
                List.of("gpt-image-2"), id -> id.startsWith("gpt-image"), true));
        ModelWatch watch = new ModelWatch(lifecycle, wanted, lifecycle.check(wanted), java.time.Duration.ofDays(1));
        assertThat(watch.current().notices()).isEmpty();

        List<Model> announced = new ArrayList<>(FakeOpenAiModels.today());
        announced.replaceAll(model -> model.id().equals("gpt-image-2") ? new Model("gpt-image-2", "2027-01-10") : model);
        openAi.models().list(announced);

        assertThat(watch.recheck().notices()).extracting(ModelLifecycle.Notice::model).containsExactly("gpt-image-2");
        assertThat(watch.current().notices()).hasSize(1);
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
