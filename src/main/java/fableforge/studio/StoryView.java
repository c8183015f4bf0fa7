package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.story.AspectRatio;
import fableforge.failure.UserFacingException;
import fableforge.media.Thumbnails;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.store.StorySummary;
import fableforge.story.Beat;
import fableforge.wire.StoryDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side: a story's full state for polling clients and resuming, and the list of stories. */
public final class StoryView {

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() { };
    private static final TypeReference<StoryDocument.Character> CHARACTER = new TypeReference<>() { };

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
        // Stored rows may carry fields a later version added; the view shows the fields it knows.
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Whether the story exists and the caller may see it. */
    public boolean visible(Caller caller, String storyId) {
        return stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).isPresent();
    }

    public StoryDocument.Story story(Caller caller, String storyId) {
        return render(stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).orElseThrow(() ->
                new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with id '" + storyId + "'")));
    }

    /** The story as the workers read it, with no caller to check. */
    public StoryDocument.Story story(String storyId) {
        return render(stories.find(storyId).orElseThrow(() ->
                new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with id '" + storyId + "'")));
    }

    private StoryDocument.Story render(StoryRecord record) {
        String storyId = record.storyId();
        List<StoryDocument.Scene> scenes = record.scenes().stream()
                .map(row -> StoryDocument.Scene.ofWeb(row.number(), row.beat(), row.text(), row.prompt(), row.edited())).toList();
        List<ImageAttempt> attempts = images.attempts(storyId);
        Map<String, StoryDocument.Image> shown = new LinkedHashMap<>();
        images.latest(storyId).forEach((scene, newest) -> {
            // The version the user chose, if any, else the newest one.
            ImageAttempt current = attempts.stream()
                    .filter(a -> a.scene() == scene && a.status() == ImageStatus.APPROVED)
                    .findFirst().orElse(newest);
            List<StoryDocument.Image> versions = attempts.stream().filter(a -> a.scene() == scene).map(StoryView::image).toList();
            shown.put(String.valueOf(scene), image(current).shown(newest.attempt(), versions));
        });
        StoryDocument.Cost cost = spending.costOf(storyId, AspectRatio.fromLabel(record.aspectRatio()),
                record.status() == StoryStatus.SCENES_READY);
        if (record.status() == StoryStatus.ALL_APPROVED) {
            // The next paid step of an approved story is its video's narration, when OpenAI can read it.
            cost = video.narrationStep(record).map(cost::withNextStep).orElse(cost);
        }
        return StoryDocument.Story.ofWeb(storyId, record.status().wire(), read(record.answersJson(), ANSWERS),
                read(record.heroJson(), CHARACTER), record.characterBible(), record.aspectRatio(), scenes,
                NarrationLines.of(record.scenes(), AspectRatio.fromLabel(record.aspectRatio())), images.countProduced(storyId), images.countApproved(storyId), Beat.TOTAL_SCENES, shown, cost, video.of(storyId),
                record.createdAt().toString(), record.updatedAt().toString());
    }

    /** The caller's own stories, newest first; an admin sees everyone's, each with its owner. */
    public StoryDocument.StoryList list(Caller caller, int limit) {
        List<StoryDocument.StoryListItem> items = new ArrayList<>();
        for (StorySummary summary : stories.list(caller.admin() ? Optional.empty() : Optional.of(caller.userId()), limit)) {
            // A removed account's stories stay: they show their old id. Stories from before accounts have none.
            StoryDocument.Owner owner = !caller.admin() ? null : new StoryDocument.Owner(summary.ownerId() == null ? null
                    : ownerNames.apply(summary.ownerId()).orElse(summary.ownerId()));
            ImageAttempt first = images.latest(summary.storyId()).get(1);
            items.add(new StoryDocument.StoryListItem(summary.storyId(), summary.heroName(), summary.animal(), summary.status().wire(),
                    summary.completedScenes(), summary.approvedScenes(), summary.createdAt().toString(), owner,
                    first != null ? first.url() : null, first != null ? thumbUrl(first) : null));
        }
        return new StoryDocument.StoryList(items);
    }

    private static StoryDocument.Image image(ImageAttempt attempt) {
        return new StoryDocument.Image(attempt.attempt(), attempt.status().wire(), attempt.url(),
                attempt.finalPrompt() != null ? attempt.finalPrompt() : attempt.prompt(), attempt.finalPrompt(), attempt.prompt(),
                PromptChanges.between(attempt.prompt(), attempt.finalPrompt()), attempt.error(), attempt.tries(), null, null,
                thumbUrl(attempt));
    }

    /** The small rendition's URL (made when stored, or on first request for older images); null while there is no image. */
    private static String thumbUrl(ImageAttempt attempt) {
        return attempt.url() == null ? null : Thumbnails.urlOf(attempt.mediaKey());
    }

    /** Stored JSON as its record, or null when the row holds something unreadable (the page never breaks on a bad row). */
    private <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
