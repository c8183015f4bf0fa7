package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Caller;
import fableforge.story.AspectRatio;
import fableforge.failure.UserFacingException;
import fableforge.media.MediaUrls;
import fableforge.media.Thumbnails;
import fableforge.spend.Spending;
import fableforge.store.ImageAttempt;
import fableforge.store.ImageRepository;
import fableforge.store.ImageStatus;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.store.StoryVersions;
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
    private final MediaUrls mediaUrls;
    private final StoryVersions versions;

    public StoryView(StoryRepository stories, ImageRepository images, ObjectMapper mapper, Spending spending, StoryVideo video) {
        this(stories, images, mapper, spending, video, ownerId -> Optional.empty(), MediaUrls.ROOT);
    }

    /**
     * @param ownerNames the name of the account with this id (accounts): an admin's list shows names, not ids
     * @param mediaUrls  media URLs as clients use them (PUBLIC_BASE_URL), also for rows stored with a relative one
     */
    public StoryView(StoryRepository stories, ImageRepository images, ObjectMapper mapper, Spending spending, StoryVideo video,
                     java.util.function.Function<String, Optional<String>> ownerNames, MediaUrls mediaUrls) {
        this.ownerNames = ownerNames;
        this.mediaUrls = mediaUrls;
        this.versions = stories.versions();
        this.spending = spending;
        this.video = video;
        this.stories = stories;
        this.images = images;
        // Stored rows may carry fields a later version added; the view shows the fields it knows.
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Whether the story exists and the caller may see it. */
    /** How this app's media URLs reach clients; the event stream rewrites older events' URLs with it too. */
    public MediaUrls mediaUrls() {
        return mediaUrls;
    }

    public boolean visible(Caller caller, String storyId) {
        return stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).isPresent();
    }

    public StoryDocument.Story story(Caller caller, String storyId) {
        return story(caller, storyId, true);
    }

    /** @param prompts whether versions carry their prompt texts ({@code ?include=prompts}) */
    public StoryDocument.Story story(Caller caller, String storyId, boolean prompts) {
        return render(stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).orElseThrow(() -> notFound(storyId)),
                prompts);
    }

    /** The story as the workers read it, with no caller to check, every version with its prompt texts. */
    public StoryDocument.Story story(String storyId) {
        return story(storyId, true);
    }

    /** The story with no caller to check: for a caller already checked ({@link #version}), or the workers. */
    public StoryDocument.Story story(String storyId, boolean prompts) {
        return render(stories.find(storyId).orElseThrow(() -> notFound(storyId)), prompts);
    }

    /**
     * The version of the story's view (see {@link StoryVersions}), when the caller may see the story;
     * someone else's story is "not found", as {@link #story(Caller, String)} answers it.
     */
    public StoryVersions.StoryVersion version(Caller caller, String storyId) {
        return versions.find(storyId).filter(version -> caller.mayAccess(version.ownerId())).orElseThrow(() -> notFound(storyId));
    }

    private static UserFacingException notFound(String storyId) {
        return new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with id '" + storyId + "'");
    }

    private StoryDocument.Story render(StoryRecord record, boolean prompts) {
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
            List<StoryDocument.Image> all = attempts.stream().filter(a -> a.scene() == scene).map(this::image).toList();
            List<? extends StoryDocument.Version> versions = prompts ? all : all.stream().map(StoryDocument.Image::brief).toList();
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
                record.createdAt().toString(), record.updatedAt().toString(), record.eventSeq());
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
                    first != null ? mediaUrls.forClient(first.url()) : null, first != null ? thumbUrl(first) : null));
        }
        return new StoryDocument.StoryList(items);
    }

    private StoryDocument.Image image(ImageAttempt attempt) {
        return new StoryDocument.Image(attempt.attempt(), attempt.status().wire(), mediaUrls.forClient(attempt.url()),
                attempt.finalPrompt() != null ? attempt.finalPrompt() : attempt.prompt(), attempt.finalPrompt(), attempt.prompt(),
                PromptChanges.between(attempt.prompt(), attempt.finalPrompt()), attempt.error(), attempt.tries(), null, null,
                thumbUrl(attempt));
    }

    /**
     * The small rendition's URL (made when stored, or on first request for older images), absolute like
     * {@code url}: always this app's {@code /media/} route, which redirects to remote stores; null while there is no image.
     */
    private String thumbUrl(ImageAttempt attempt) {
        return attempt.url() == null || attempt.mediaKey() == null ? null : mediaUrls.ofKey(Thumbnails.keyOf(attempt.mediaKey()));
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
