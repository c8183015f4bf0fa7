package fableforge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.App;
import fableforge.media.LocalMediaStore;
import fableforge.media.StoredMedia;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.wire.EventPayload;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The story {@code bench poll} reads: written by the offline writer through {@code POST /submit} (so its
 * scenes, prompts and hero are a real story's), then finished straight through the repositories, the way
 * the image workers and approvals leave a story, without drawing: 20 images stored in the app's local
 * media directory, produced and approved, status {@code all_approved}, {@code all_approved} logged.
 * A few scenes were redrawn once, as users do, so the document carries earlier versions too.
 */
final class PollStory {

    /** The fewest answers a story needs; the offline writer invents the rest. */
    private static final String QUIZ = "{\"animal\":\"fox\",\"character_name\":\"Bench\",\"setting\":\"enchanted forest\","
            + "\"visual_style\":\"watercolor\"}";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Scenes redrawn once before their second version was approved. */
    private static final List<Integer> REDRAWN = List.of(3, 8, 14);

    private PollStory() {
    }

    static String seed(App.RunningServer server, Path dataDir) throws IOException, InterruptedException {
        String storyId = submit(server.port());
        Clock clock = Clock.systemUTC();
        StoryRepository stories = new StoryRepository(server.database().jdbi(), clock);
        ImageRepository images = new ImageRepository(server.database().jdbi(), clock);
        StoryRecord story = stories.find(storyId).orElseThrow();
        // The app's own local store (MEDIA_STORE unset): <data>/media, served at /media/.
        LocalMediaStore media = new LocalMediaStore(dataDir.resolve("media"), "/media/");
        List<StoredMedia> stored = new ArrayList<>();
        for (SceneRow scene : story.scenes()) {
            stored.add(media.put("stories/%s/scene-%02d-a1.png".formatted(storyId, scene.number()), png(scene.number()), "image/png"));
        }
        server.events().atomically(() -> {
            stories.changeStatus(storyId, StoryStatus.SCENES_READY, StoryStatus.GENERATING);
            for (SceneRow scene : story.scenes()) {
                StoredMedia image = stored.get(scene.number() - 1);
                ImageAttempt first = images.createAttempt(storyId, scene.number(), scene.prompt());
                images.markProduced(storyId, scene.number(), first.attempt(), image.url(), image.key(), 1080, 1920, 1, scene.prompt());
                ImageAttempt approved = first;
                if (REDRAWN.contains(scene.number())) {
                    images.reject(storyId, scene.number(), first.attempt(), "colours");
                    String fixed = scene.prompt() + " Keep the hero's colours exactly as in the character sheet.";
                    approved = images.createAttempt(storyId, scene.number(), fixed);
                    images.markProduced(storyId, scene.number(), approved.attempt(), image.url(), image.key(), 1080, 1920, 1, fixed);
                }
                images.approve(storyId, scene.number(), approved.attempt());
            }
            stories.setStatus(storyId, StoryStatus.ALL_APPROVED);
            return server.events().emit(storyId, new EventPayload.AllApproved(storyId), "all_approved:bench");
        });
        return storyId;
    }

    private static String submit(int port) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/submit"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(QUIZ)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("POST /submit answered " + answer.statusCode() + ": " + answer.body());
            }
            return MAPPER.readTree(answer.body()).get("story_id").asText();
        }
    }

    /** A small plain image per scene: the benchmark reads the story document, never the pictures. */
    private static byte[] png(int scene) throws IOException {
        BufferedImage image = new BufferedImage(54, 96, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.getHSBColor(scene / 20f, 0.6f, 0.8f));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
