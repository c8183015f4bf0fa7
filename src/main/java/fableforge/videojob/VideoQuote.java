package fableforge.videojob;

import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.wire.StoryDocument;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a video will cost before it is started: its narration (OpenAI speech is priced per character
 * of the 20 scene texts) and its clips (local camera motion is free).
 */
public final class VideoQuote {

    private final VideoTools tools;
    private final ObjectMapper mapper;

    public VideoQuote(VideoTools tools, ObjectMapper mapper) {
        this.tools = tools;
        this.mapper = mapper;
    }

    /** The total for these options: zero when free, empty when some part's price is unknown. */
    Optional<BigDecimal> cost(StoryRecord story, VideoOptions options) {
        Optional<BigDecimal> narration = tools.narrationCost(options.narration(), characters(story));
        Optional<BigDecimal> clips = tools.clipsCost(options.clips(), story.scenes().size());
        return narration.isPresent() && clips.isPresent() ? Optional.of(narration.get().add(clips.get())) : Optional.empty();
    }

    /**
     * The {@code next_step} of an approved story's {@code cost} when narration by OpenAI is on offer:
     * what narrating its scenes would cost, so the UI can show it next to the choice.
     */
    public Optional<StoryDocument.NextStep> narrationStep(StoryRecord story) {
        if (!tools.narrations().contains("openai")) {
            return Optional.empty();
        }
        int characters = characters(story);
        return Optional.of(new StoryDocument.NextStep("narrate_video", "narration of " + story.scenes().size()
                + " scenes by OpenAI text-to-speech (" + characters + " characters)", characters,
                tools.narrationCost("openai", characters).orElse(null)));
    }

    /** What narration reads aloud: every scene's text as the narrator sends it. */
    static int characters(StoryRecord story) {
        return story.scenes().stream().map(SceneRow::text).mapToInt(text -> text.strip().length()).sum();
    }
}
