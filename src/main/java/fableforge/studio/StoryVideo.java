package fableforge.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.store.StoryRecord;
import java.util.Optional;

/**
 * The video's part of a story's view. The video jobs answer it, so the story does not depend on them
 * (they depend on the story).
 */
public interface StoryVideo {

    /** The {@code video} object: the newest version's status, options and files, or JSON null when none was asked for. */
    JsonNode of(String storyId);

    /** The {@code next_step} of an approved story's {@code cost}, when the video has a paid step to quote (narration). */
    Optional<ObjectNode> narrationStep(StoryRecord story);
}
