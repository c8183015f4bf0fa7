package fableforge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The answers of the endpoints that are not the story document itself (see {@link StoryDocument}). */
public final class Answers {

    private Answers() {
    }

    /** Every error: a code and what to fix, in words. */
    public record ErrorBody(String error, String message) {
    }

    /** {@code 400 invalid_quiz}: every answer's problem at once. */
    public record InvalidQuiz(String error, String message, Map<String, String> fields) {
    }

    /** {@code POST /submit}: the story, ready for the user to edit its scenes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Submitted(String storyId, List<String> scenes, List<String> beats, StoryDocument.Character character,
                            String status, StoryDocument.Cost cost, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> warnings,
                            List<String> narration) {
    }

    /** {@code POST /approve_scenes}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScenesApproved(String storyId, String status) {
    }

    /** {@code POST /approve_image/{id}/{n}}; {@code applied_to_pending} only for a rejection that asked for it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ImageDecided(String storyId, int sceneNumber, String status, int attempt, int approvedCount,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer appliedToPending) {

        public ImageDecided withAppliedToPending(int applied) {
            return new ImageDecided(storyId, sceneNumber, status, attempt, approvedCount, applied);
        }
    }

    /** {@code POST /api/music}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MusicUploaded(String musicKey, long sizeBytes, double durationSeconds, String contentType) {
    }

    /** {@code GET /api/me} and a successful sign-in. */
    public record Me(String name, boolean admin) {
    }

    /** {@code GET /api/signin/options}; the provider's host only when OIDC is on. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignInOptions(boolean oidc, @JsonInclude(JsonInclude.Include.NON_NULL) String oidcProvider) {
    }

    /** {@code GET /api/meta}: the names the UI shares with the server. */
    public record Meta(List<String> events, Statuses statuses) {
    }

    /** Every status each kind of thing can have on the wire; {@code decision} is approval_update's. */
    public record Statuses(List<String> story, List<String> image, List<String> decision, List<String> video) {
    }
}
