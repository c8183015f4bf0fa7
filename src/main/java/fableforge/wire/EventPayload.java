package fableforge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Arrays;
import java.util.List;

/**
 * The data of a story event, one record per event; the event's name is its {@link JsonTypeName}, the one
 * place it is written. The event log stores {@code data} as this JSON (the name apart), so events logged
 * before these types existed read the same.
 */
public sealed interface EventPayload {

    /** The event's name on the stream, in the log and in the tracking sheet. */
    default String name() {
        return nameOf(getClass());
    }

    /** Every event name, in the order the types are declared. */
    static List<String> names() {
        return Arrays.stream(EventPayload.class.getPermittedSubclasses()).map(EventPayload::nameOf).toList();
    }

    private static String nameOf(Class<?> type) {
        return type.getAnnotation(JsonTypeName.class).value();
    }

    @JsonTypeName("story_created")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StoryCreated(String storyId, String hero, String animal, String setting, String visualStyle, String aspectRatio)
            implements EventPayload {
    }

    @JsonTypeName("scenes_approved")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ScenesApproved(String storyId, long editedScenes) implements EventPayload {
    }

    /**
     * {@code prompt} is the prompt sent; {@code prompt_changes} only when it differs in its words from the one asked for;
     * {@code thumb_url} the image's small rendition (absent in events logged before thumbnails).
     */
    @JsonTypeName("image_ready")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImageReady(int sceneNumber, String url, String status, int attempt, String prompt, String requestedPrompt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<StoryDocument.PromptChange> promptChanges,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String thumbUrl)
            implements EventPayload {
    }

    @JsonTypeName("image_failed")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImageFailed(int sceneNumber, int attempt, String error) implements EventPayload {
    }

    /** A decision on an image: {@link #APPROVED}, {@link #REJECTED} or {@link #REGENERATING} (its new attempt). */
    @JsonTypeName("approval_update")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ApprovalUpdate(int sceneNumber, String status, int attempt, int approvedCount) implements EventPayload {
        public static final String APPROVED = "approved";
        public static final String REJECTED = "rejected";
        public static final String REGENERATING = "regenerating";
        public static final List<String> STATUSES = List.of(APPROVED, REJECTED, REGENERATING);
    }

    @JsonTypeName("story_complete")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StoryComplete(int completedScenes, int totalScenes) implements EventPayload {
    }

    @JsonTypeName("story_error")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StoryError(String message, List<Integer> failedScenes) implements EventPayload {
    }

    @JsonTypeName("all_approved")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AllApproved(String storyId) implements EventPayload {
    }

    /** {@code scene_number} only while narrating or rendering a scene. */
    @JsonTypeName("video_progress")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoProgress(int version, String stage, @JsonInclude(JsonInclude.Include.NON_NULL) Integer sceneNumber, int scenesDone,
                         int totalScenes, int percent) implements EventPayload {
    }

    @JsonTypeName("video_ready")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoReady(int version, String url, String srtUrl, String fcpxmlUrl, String zipUrl, double durationSeconds, int width,
                      int height, long sizeBytes, List<StoryDocument.Fallback> fallbacks) implements EventPayload {
    }

    @JsonTypeName("video_failed")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoFailed(int version, String error) implements EventPayload {
    }
}
