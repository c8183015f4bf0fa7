package fableforge.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The JSON request bodies with a fixed shape. Every field may be missing (null here): what is required
 * is checked by the endpoint, with its own message. The quiz answers of {@code POST /submit} are not
 * here: their fields are the quiz definition's (data, not code), checked by the quiz validator.
 */
public final class Requests {

    private Requests() {
    }

    /** {@code POST /approve_scenes}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ApproveScenes(
            @MustBe("text") String storyId,
            @MustBe(value = "an array of 20 scene texts", each = "every scene must be text") List<String> scenes,
            @MustBe(value = "an array of 20 narration lines", each = "every narration line must be text") List<String> narration) {
    }

    /** {@code POST /approve_image/{id}/{n}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DecideImage(
            @MustBe("text") String action,
            @MustBe("a whole number (the version to approve)") Integer attempt,
            @MustBe("text") String reason,
            @MustBe("text") String prompt,
            @MustBe("true or false") Boolean applyToPending) {
    }

    /** {@code POST /generate_video/{id}}; an empty body is every field missing. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GenerateVideo(
            @MustBe("text") String clips,
            @MustBe("text") String narration,
            @MustBe("true or false") Boolean draft,
            @MustBe("text") String musicKey,
            @MustBe("a whole number of seconds from 15 to 600") Integer lengthSeconds,
            @MustBe("text: phrase, words or none") String captionStyle) {
    }
}
