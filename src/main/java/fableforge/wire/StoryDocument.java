package fableforge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The story document: what {@code GET /story} answers, the {@code story.json} of the video's ZIP and the
 * {@code story.json} that {@code fableforge generate} writes, and its parts (also used by the list and the
 * video job). Fields only the command line knows (seed, frame size, providers, each scene's image) are
 * left out of the web's answers.
 */
public final class StoryDocument {

    private StoryDocument() {
    }

    /**
     * The whole story; {@code video} is null before any was asked for. {@code narration} holds each scene's
     * narration line in scene order (what is read aloud and captioned), beside {@code scenes}' texts.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Story(String storyId, String status, @JsonInclude(JsonInclude.Include.NON_NULL) Long seed, Map<String, String> quiz,
                        Character character, String characterBible, String aspectRatio,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer width, @JsonInclude(JsonInclude.Include.NON_NULL) Integer height,
                        List<Scene> scenes, List<String> narration, int completedScenes, int approvedScenes, int totalScenes, Map<String, Image> images, Cost cost,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Providers providers, Video video, String createdAt, String updatedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long eventSeq) {

        /**
         * The web's story: no seed, frame size or providers. {@code eventSeq} is the story's last event
         * sequence number read before the rest: the document reflects at least every event up to it, so a
         * client that has already applied a later live event knows this document is older than what it shows.
         */
        public static Story ofWeb(String storyId, String status, Map<String, String> quiz, Character character, String characterBible,
                                  String aspectRatio, List<Scene> scenes, List<String> narration, int completedScenes, int approvedScenes,
                                  int totalScenes, Map<String, Image> images, Cost cost, Video video, String createdAt, String updatedAt,
                                  long eventSeq) {
            return new Story(storyId, status, null, quiz, character, characterBible, aspectRatio, null, null, scenes, narration, completedScenes,
                    approvedScenes, totalScenes, images, cost, null, video, createdAt, updatedAt, eventSeq);
        }
    }

    /**
     * A scene; the command line's document also names the scene's image file (null when it failed), the
     * prompt it was drawn with when that differs, why it failed, and how many tries it took.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Scene(int number, String beat, String text, String prompt, boolean edited,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String image, @JsonInclude(JsonInclude.Include.NON_NULL) String imagePrompt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String imageError, @JsonInclude(JsonInclude.Include.NON_NULL) Integer imageTries) {

        public static Scene ofWeb(int number, String beat, String text, String prompt, boolean edited) {
            return new Scene(number, beat, text, prompt, edited, null, null, null, null);
        }
    }

    /** The adapters that wrote the story and drew its images (command line only). */
    public record Providers(String story, String images) {
    }

    /** The hero as the server's record names its fields (camelCase), as it was always sent. */
    public record Character(String name, String species, Colour primaryColour, Colour secondaryColour, Colour eyeColour,
                            String marking, String artifact, String power, Colour powerColour) {
    }

    /** A named colour, {@code rgb} as the number 0xRRGGBB and {@code hex} as #rrggbb. */
    public record Colour(String name, int rgb) {
        public String getHex() {
            return String.format("#%06x", rgb & 0xffffff);
        }
    }

    /**
     * One version of a scene's image. The scene's entry in {@code images} is the version shown (approved,
     * else newest) with {@code latest_attempt} and every version in {@code attempts}; those two are absent
     * on the versions inside {@code attempts}. {@code thumb_url} is the small rendition (≤ 480 px wide JPEG)
     * galleries show; absent where there is no image, and in the command line's story.json.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Image(int attempt, String status, String url, String prompt, String finalPrompt, String requestedPrompt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<PromptChange> promptChanges, String error, int tries,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer latestAttempt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<? extends Version> attempts,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String thumbUrl) implements Version {

        public Image shown(int latest, List<? extends Version> versions) {
            return new Image(attempt, status, url, prompt, finalPrompt, requestedPrompt, promptChanges, error, tries, latest, versions,
                    thumbUrl);
        }

        /** This version without its long prompt texts, as {@code GET /story} lists versions unless asked for them. */
        public BriefVersion brief() {
            return new BriefVersion(attempt, status, url, prompt, error, tries, thumbUrl);
        }
    }

    /** A version in a scene's {@code attempts}: with its prompt texts ({@link Image}) or without ({@link BriefVersion}). */
    public sealed interface Version permits Image, BriefVersion {
    }

    /**
     * A version listed by {@code GET /story} without {@code ?include=prompts} (issue 14): every field of
     * {@link Image} but {@code final_prompt}, {@code requested_prompt} and {@code prompt_changes}, which are
     * most of a finished story's bytes; the scene's own entry (the version shown) keeps them.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BriefVersion(int attempt, String status, String url, String prompt, String error, int tries,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String thumbUrl) implements Version {
    }

    /** A run of words the same in, removed from or added to the prompt sent, compared with the one asked for. */
    public record PromptChange(String op, String text) {
    }

    /**
     * Spend so far and the quote of the next step; a price the table does not know is null. The command
     * line's document has no quote, day or limit (null) and repeats the total as {@code estimated_usd}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cost(BigDecimal spentUsd, int unpricedCalls, List<CostLine> lines, NextStep nextStep, BigDecimal perImageUsd,
                       BigDecimal todayUsd, BigDecimal reservedUsd, BigDecimal dailyLimitUsd,
                       @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal estimatedUsd) {

        public static Cost ofWeb(BigDecimal spentUsd, int unpricedCalls, List<CostLine> lines, NextStep nextStep, BigDecimal perImageUsd,
                                 BigDecimal todayUsd, BigDecimal reservedUsd, BigDecimal dailyLimitUsd) {
            return new Cost(spentUsd, unpricedCalls, lines, nextStep, perImageUsd, todayUsd, reservedUsd, dailyLimitUsd, null);
        }

        public Cost withNextStep(NextStep step) {
            return new Cost(spentUsd, unpricedCalls, lines, step, perImageUsd, todayUsd, reservedUsd, dailyLimitUsd, estimatedUsd);
        }
    }

    public record CostLine(String stage, String model, int calls, BigDecimal usd) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NextStep(String action, String description, int units, BigDecimal estimateUsd) {
    }

    /**
     * A version of the story's video. {@code progress} is the last {@code video_progress} as it was
     * stored, passed through (absent when finished or none yet, null when the stored text is unreadable);
     * {@code story_id} only in the answer to {@code POST /generate_video}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Video(String status, int version, VideoOptions options, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode progress,
                        String url, String srtUrl, String fcpxmlUrl, String zipUrl, Double durationSeconds, Integer width,
                        Integer height, Long sizeBytes, @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                        List<Fallback> fallbacks, @JsonInclude(JsonInclude.Include.NON_NULL) String storyId) {

        public Video ofStory(String id) {
            return new Video(status, version, options, progress, url, srtUrl, fcpxmlUrl, zipUrl, durationSeconds, width, height,
                    sizeBytes, error, fallbacks, id);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VideoOptions(String clips, String narration, boolean draft, String musicKey, Integer lengthSeconds, String captionStyle) {
    }

    /** A scene whose clip came from local camera motion instead of the chosen source, and why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fallback(int sceneNumber, String reason) {
    }

    /** {@code GET /api/stories}. */
    public record StoryList(List<StoryListItem> stories) {
    }

    /**
     * A story in the list; {@code owner} only in an admin's list (null for a story from before accounts).
     * {@code thumbnail_url} is scene 1's full image, {@code thumb_url} its small rendition (the card's cover).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StoryListItem(String storyId, String name, String animal, String status, int completedScenes, int approvedScenes,
                                String createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Owner owner, String thumbnailUrl,
                                String thumbUrl) {
    }

    /** An admin sees each story's owner: a name, an old id, or null; written as that value itself. */
    public record Owner(@JsonValue String name) {
    }
}
