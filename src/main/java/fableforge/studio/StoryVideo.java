package fableforge.studio;

import fableforge.store.StoryRecord;
import fableforge.wire.StoryDocument;
import java.util.Optional;

/**
 * The video's part of a story's view. The video jobs answer it, so the story does not depend on them
 * (they depend on the story).
 */
public interface StoryVideo {

    /** The {@code video} object: the newest version's status, options and files, or null when none was asked for. */
    StoryDocument.Video of(String storyId);

    /** The {@code next_step} of an approved story's {@code cost}, when the video has a paid step to quote (narration). */
    Optional<StoryDocument.NextStep> narrationStep(StoryRecord story);
}
