package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.image.AspectRatio;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.store.StorySummary;
import fableforge.story.Beat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side: a story's full state for polling clients and resuming, and the list of stories. */
public final class StoryView {

    private final StoryRepository stories;
    private final ImageRepository images;
    private final ObjectMapper mapper;
    private final Spending spending;
    private final StoryVideo video;
    private final java.util.function.Function<String, Optional<String>> ownerNames;

    public StoryView(StoryRepository stories, ImageRepository images, ObjectMapper mapper, Spending spending, StoryVideo video) {
        this(stories, images, mapper, spending, video, ownerId -> Optional.empty());
    }

    /** @param ownerNames the name of the account with this id (accounts): an admin's list shows names, not ids */
    public StoryView(StoryRepository stories, ImageRepository images, ObjectMapper mapper, Spending spending, StoryVideo video,
                     java.util.function.Function<String, Optional<String>> ownerNames) {
        this.ownerNames = ownerNames;
        this.spending = spending;
        this.video = video;
        this.stories = stories;
        this.images = images;
        this.mapper = mapper;
    }

    /** Whether the story exists and the caller may see it. */
    public boolean visible(Caller caller, String storyId) {
        return stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).isPresent();
    }

    public ObjectNode story(Caller caller, String storyId) {
        return render(stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).orElseThrow(() ->
                new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with id '" + storyId + "'")));
    }

    /** The story as the workers read it, with no caller to check. */
    public ObjectNode story(String storyId) {
        return render(stories.find(storyId).orElseThrow(() ->
                new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with id '" + storyId + "'")));
    }

    private ObjectNode render(StoryRecord record) {
        String storyId = record.storyId();
        ObjectNode root = mapper.createObjectNode();
        root.put("story_id", record.storyId());
        root.put("status", record.status().wire());
        root.set("quiz", readTree(record.answersJson()));
        root.set("character", readTree(record.heroJson()));
        root.put("character_bible", record.characterBible());
        root.put("aspect_ratio", record.aspectRatio());
        ArrayNode scenes = root.putArray("scenes");
        for (SceneRow row : record.scenes()) {
            scenes.addObject().put("number", row.number()).put("beat", row.beat()).put("text", row.text())
                    .put("prompt", row.prompt()).put("edited", row.edited());
        }
        List<ImageAttempt> attempts = images.attempts(storyId);
        Map<Integer, ImageAttempt> latest = images.latest(storyId);
        root.put("completed_scenes", images.countProduced(storyId));
        root.put("approved_scenes", images.countApproved(storyId));
        root.put("total_scenes", Beat.TOTAL_SCENES);
        ObjectNode imagesNode = root.putObject("images");
        latest.forEach((scene, newest) -> {
            // The version the user chose, if any, else the newest one.
            ImageAttempt current = attempts.stream()
                    .filter(a -> a.scene() == scene && a.status() == ImageStatus.APPROVED)
                    .findFirst().orElse(newest);
            ObjectNode image = attemptNode(current);
            image.put("latest_attempt", newest.attempt());
            ArrayNode all = image.putArray("attempts");
            attempts.stream().filter(a -> a.scene() == scene).forEach(a -> all.add(attemptNode(a)));
            imagesNode.set(String.valueOf(scene), image);
        });
        ObjectNode cost = spending.costOf(storyId, AspectRatio.fromLabel(record.aspectRatio()),
                record.status() == StoryStatus.SCENES_READY, mapper);
        if (record.status() == StoryStatus.ALL_APPROVED) {
            // The next paid step of an approved story is its video's narration, when OpenAI can read it.
            video.narrationStep(record).ifPresent(step -> cost.set("next_step", step));
        }
        root.set("cost", cost);
        root.set("video", video.of(storyId));
        root.put("created_at", record.createdAt().toString());
        root.put("updated_at", record.updatedAt().toString());
        return root;
    }

    /** The caller's own stories, newest first; an admin sees everyone's, each with its owner. */
    public ObjectNode list(Caller caller, int limit) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("stories");
        for (StorySummary summary : stories.list(caller.admin() ? Optional.empty() : Optional.of(caller.userId()), limit)) {
            ObjectNode node = list.addObject()
                    .put("story_id", summary.storyId())
                    .put("name", summary.heroName())
                    .put("animal", summary.animal())
                    .put("status", summary.status().wire())
                    .put("completed_scenes", summary.completedScenes())
                    .put("approved_scenes", summary.approvedScenes())
                    .put("created_at", summary.createdAt().toString());
            if (caller.admin()) {
                // A removed account's stories stay: they show their old id. Stories from before accounts have none.
                node.put("owner", summary.ownerId() == null ? null
                        : ownerNames.apply(summary.ownerId()).orElse(summary.ownerId()));
            }
            ImageAttempt first = images.latest(summary.storyId()).get(1);
            if (first != null && first.url() != null) {
                node.put("thumbnail_url", first.url());
            } else {
                node.putNull("thumbnail_url");
            }
        }
        return root;
    }

    private ObjectNode attemptNode(ImageAttempt attempt) {
        ObjectNode node = mapper.createObjectNode();
        node.put("attempt", attempt.attempt());
        node.put("status", attempt.status().wire());
        node.put("url", attempt.url());
        node.put("prompt", attempt.finalPrompt() != null ? attempt.finalPrompt() : attempt.prompt());
        node.put("final_prompt", attempt.finalPrompt());
        PromptChanges.describe(node, attempt.prompt(), attempt.finalPrompt());
        node.put("error", attempt.error());
        node.put("tries", attempt.tries());
        return node;
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().nullNode();
        }
    }
}
