package fableforge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.App;
import fableforge.TestPngs;
import fableforge.story.AspectRatio;
import fableforge.media.LocalMediaStore;
import fableforge.media.StoredMedia;
import fableforge.pipeline.StoryPlan;
import fableforge.pipeline.StoryPlanner;
import fableforge.provider.ProviderException;
import fableforge.quiz.QuizAnswers;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import fableforge.story.offline.TemplateStoryWriter;
import fableforge.wire.EventPayload;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A red-fox story already through the whole flow (20 scenes approved, 20 images drawn and approved,
 * status {@code all_approved}), or up to its last step (images drawn, none approved: {@code images_ready}),
 * written straight into a running app's store and its local media directory instead of being walked there
 * over HTTP. For tests whose subject comes after the flow (videos, downloads, access to media, hardening);
 * the flow itself keeps its own end-to-end tests.
 *
 * <p>The story is written the way the app writes one (the offline planner's scenes and hero, the
 * repositories' own state changes, one transaction for the images so the app's image worker never
 * sees a queued attempt), and its event log holds {@code story_created} and then {@code all_approved}
 * (or {@code story_complete} for a drawn story).
 * Each scene's image is a plain PNG of the frame's size in a colour of its own, so scenes differ.
 *
 * <p>Public for the browser tests (the one fixture for both): they hold an {@link App.RunningServer}
 * served on a data directory with the default local media store, not a {@link TestApp}.
 */
public final class ApprovedStories {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final StoryPlanner PLANNER = new StoryPlanner(new TemplateStoryWriter(), new HeroDesigner());
    private static final Map<String, byte[]> IMAGES = new ConcurrentHashMap<>();

    private ApprovedStories() {
    }

    /** An approved story made without accounts (no owner); its id. */
    static String seed(TestApp app, Path dataDir) {
        return seed(app, dataDir, null, true);
    }

    /** An approved story owned by {@code ownerId} (a {@code Caller.userId}); its id. */
    static String seed(TestApp app, Path dataDir, String ownerId) {
        return seed(app, dataDir, ownerId, true);
    }

    /** A story made without accounts whose 20 images are drawn and wait for approval ({@code images_ready}); its id. */
    static String seedDrawn(TestApp app, Path dataDir) {
        return seed(app, dataDir, null, false);
    }

    /** The same owned by {@code ownerId} (a {@code Caller.userId}); its id. */
    static String seedDrawn(TestApp app, Path dataDir, String ownerId) {
        return seed(app, dataDir, ownerId, false);
    }

    /** A story made without accounts whose 20 images are drawn and wait for approval, in {@code server} serving {@code dataDir}; its id. */
    public static String seedDrawn(App.RunningServer server, Path dataDir) {
        return seed(server, dataDir, null, false);
    }

    /** An approved story made without accounts, in {@code server} serving {@code dataDir}; its id. */
    public static String seed(App.RunningServer server, Path dataDir) {
        return seed(server, dataDir, null, true);
    }

    private static String seed(TestApp app, Path dataDir, String ownerId, boolean approved) {
        return seed(app.server(), dataDir, ownerId, approved);
    }

    private static String seed(App.RunningServer server, Path dataDir, String ownerId, boolean approved) {
        Clock clock = Clock.systemUTC();
        StoryRepository stories = new StoryRepository(server.database().jdbi(), clock);
        ImageRepository images = new ImageRepository(server.database().jdbi(), clock);
        // The app's own local store: MEDIA_STORE unset keeps media under <dataDir>/media, served at /media/.
        LocalMediaStore media = new LocalMediaStore(dataDir.resolve("media"), "media/");

        String storyId = HexFormat.of().formatHex(randomBytes());
        StoryPlan plan = plan(storyId);
        List<SceneRow> scenes = new ArrayList<>();
        for (int i = 0; i < plan.scenes().size(); i++) {
            Scene scene = plan.scenes().get(i);
            scenes.add(new SceneRow(scene.number(), scene.beat().id(), scene.text(), plan.prompts().get(i), false));
        }
        stories.create(new NewStory(storyId, json(plan.answers().values()), plan.seed(), json(plan.hero()), plan.bible().text(),
                plan.context().setting(), plan.context().visualStyle(), plan.context().aspectRatio().label(), scenes, ownerId));
        server.events().emit(storyId, new EventPayload.StoryCreated(storyId, plan.hero().name(), plan.hero().species(), plan.context().setting(),
                plan.context().visualStyle(), plan.context().aspectRatio().label()), "story_created");

        Map<Integer, StoredMedia> stored = store(media, storyId, scenes, plan.context().aspectRatio());
        server.events().atomically(() -> {
            stories.changeStatus(storyId, StoryStatus.SCENES_READY, StoryStatus.GENERATING);
            for (SceneRow scene : scenes) {
                ImageAttempt attempt = images.createAttempt(storyId, scene.number(), scene.prompt());
                StoredMedia image = stored.get(scene.number());
                AspectRatio frame = plan.context().aspectRatio();
                images.markProduced(storyId, scene.number(), attempt.attempt(), image.url(), image.key(), frame.width(), frame.height(),
                        1, scene.prompt());
                if (approved) {
                    images.approve(storyId, scene.number(), attempt.attempt());
                }
            }
            stories.setStatus(storyId, approved ? StoryStatus.ALL_APPROVED : StoryStatus.IMAGES_READY);
            EventPayload last = approved ? new EventPayload.AllApproved(storyId) : new EventPayload.StoryComplete(scenes.size(), scenes.size());
            return server.events().emit(storyId, last, (approved ? "all_approved" : "story_complete") + ":seeded");
        });
        return storyId;
    }

    private static StoryPlan plan(String storyId) {
        Map<String, String> answers = new LinkedHashMap<>();
        TestApp.redFoxQuiz().properties().forEach(answer -> answers.put(answer.getKey(), answer.getValue().asText()));
        try {
            return PLANNER.draft(storyId, new QuizAnswers(answers), 42);
        } catch (ProviderException e) {
            throw new IllegalStateException("the offline story writer failed", e);
        }
    }

    private static Map<Integer, StoredMedia> store(LocalMediaStore media, String storyId, List<SceneRow> scenes, AspectRatio frame) {
        Map<Integer, StoredMedia> stored = new LinkedHashMap<>();
        for (SceneRow scene : scenes) {
            // The key the app gives a scene's first attempt (StoredStory.mediaKey).
            String key = "stories/%s/scene-%02d-a1.png".formatted(storyId, scene.number());
            try {
                stored.put(scene.number(), media.put(key, image(scene.number(), frame), "image/png"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stored;
    }

    /** A plain frame in a colour of the scene's own, made once per scene and frame shape. */
    private static byte[] image(int scene, AspectRatio frame) {
        return IMAGES.computeIfAbsent(scene + "@" + frame.label(), key -> {
            BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.getHSBColor(scene / 20f, 0.6f, 0.8f));
            g.fillRect(0, 0, frame.width(), frame.height());
            g.dispose();
            return TestPngs.encode(image);
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
