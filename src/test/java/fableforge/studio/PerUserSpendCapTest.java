package fableforge.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.App;
import fableforge.Config;
import fableforge.auth.Caller;
import fableforge.event.InProcessEventBus;
import fableforge.failure.UserFacingException;
import fableforge.job.WorkerSettings;
import fableforge.media.LocalMediaStore;
import fableforge.review.ImageJobs;
import fableforge.image.PriceQuote;
import fableforge.spend.SpendLedger;
import fableforge.spend.Spending;
import fableforge.store.Database;
import fableforge.store.EventLog;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRepository;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEND_LIMIT_USD_PER_USER_PER_DAY is each user's own: one user at their cap gets 402 (SPEND_LIMIT),
 * another user goes on. The images are priced as a paid provider's would be ($0.063 each), so 20
 * images ($1.26) fit a $2.00 cap once, not twice.
 */
class PerUserSpendCapTest {

    private static final Caller ANN = new Caller("ann", "Ann", false);
    private static final Caller BOB = new Caller("bob", "Bob", false);

    @TempDir
    Path dir;

    private Database database;
    private Studio studio;
    private ImageRepository images;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void open() throws Exception {
        Clock clock = Clock.systemUTC();
        App app = new App(Config.load(Map.of(), dir.resolve("none.env")), clock);
        database = Database.open(dir.resolve("data"));
        StoryRepository stories = new StoryRepository(database.jdbi(), clock);
        images = new ImageRepository(database.jdbi(), clock);
        StoryEvents events = new StoryEvents(new EventLog(database.jdbi(), clock), new InProcessEventBus(), mapper, database,
                new fableforge.provider.SecretScrubber(java.util.List.of()));
        SpendLedger ledger = new SpendLedger(database.jdbi(), clock, Optional.empty(), Optional.of(2.0), Duration.ofMinutes(120));
        Spending spending = new Spending(ledger, ratio -> new PriceQuote("openai:gpt-image-1", "gpt-image-1", "1024x1536 medium",
                Optional.of(new BigDecimal("0.063"))));
        App.Pipeline pipeline = app.pipeline(ledger);
        // This process draws nothing (no worker): the test is about what is accepted and reserved.
        ImageJobs jobs = new ImageJobs(stories, images, app.imageProducer(pipeline, new LocalMediaStore(dir.resolve("media"), "media/")),
                events, mapper, 1, new WorkerSettings("test-node", false, true, Duration.ofSeconds(30), Duration.ofSeconds(1), clock), spending,
                fableforge.media.MediaUrls.ROOT);
        studio = new Studio(app.quizValidator(), pipeline.planner(), stories, images, jobs, events, mapper, spending, false);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void oneUserAtTheirDailyCapIsRefusedWhileAnotherUserGoesOn() throws Exception {
        String annFirst = submitAndApprove(ANN);
        JsonNode annSecond = new ObjectMapper().valueToTree(studio.submit(ANN, quiz()));

        assertThatThrownBy(() -> studio.approveScenes(ANN, annSecond.get("story_id").asText(), texts(annSecond)))
                .isInstanceOfSatisfying(UserFacingException.class, e -> assertThat(e.kind()).isEqualTo(UserFacingException.Kind.SPEND_LIMIT))
                .hasMessageContaining("your daily spend limit of $2.00")
                .hasMessageContaining("$1.26 reserved for work in progress")
                .hasMessageContaining("SPEND_LIMIT_USD_PER_USER_PER_DAY");
        assertThat(images.attempts(annSecond.get("story_id").asText())).as("a refused approval queues nothing").isEmpty();

        String bobs = submitAndApprove(BOB);
        assertThat(images.attempts(bobs)).hasSize(20);
        assertThat(images.attempts(annFirst)).hasSize(20);
    }

    private String submitAndApprove(Caller caller) throws Exception {
        JsonNode submitted = new ObjectMapper().valueToTree(studio.submit(caller, quiz()));
        String id = submitted.get("story_id").asText();
        ObjectNode approved = new ObjectMapper().valueToTree(studio.approveScenes(caller, id, texts(submitted)));
        assertThat(approved.get("status").asText()).isEqualTo("generating");
        return id;
    }

    private static List<String> texts(JsonNode submitted) {
        List<String> texts = new ArrayList<>();
        submitted.get("scenes").forEach(scene -> texts.add(scene.asText()));
        return texts;
    }

    private JsonNode quiz() throws Exception {
        return mapper.readTree(Files.readString(Path.of("examples/red-fox.json")));
    }
}
