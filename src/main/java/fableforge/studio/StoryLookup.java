package fableforge.studio;

import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;

/** Finds a story for a caller: someone else's story is "not found", never "forbidden". */
public final class StoryLookup {

    private final StoryRepository stories;

    public StoryLookup(StoryRepository stories) {
        this.stories = stories;
    }

    /** The story, if it exists and the caller may see it. */
    public StoryRecord require(Caller caller, String storyId) {
        return stories.find(storyId).filter(story -> caller.mayAccess(story.ownerId())).orElseThrow(() ->
                new UserFacingException(UserFacingException.Kind.NOT_FOUND, "no story with id '" + abbreviate(storyId) + "'"));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
