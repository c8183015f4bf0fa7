package fableforge.story;

import fableforge.provider.ProviderException;
import java.util.List;

/** Port: writes the 20 scenes of a story from the quiz answers. */
public interface StoryWriter {

    /** Returns exactly {@link Beat#TOTAL_SCENES} scenes, numbered 1..20 in order. */
    List<Scene> write(StoryBrief brief) throws ProviderException;

    /** A short name for logs and health reports, e.g. "offline-templates". */
    default String name() {
        return getClass().getSimpleName();
    }
}
