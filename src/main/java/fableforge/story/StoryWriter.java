package fableforge.story;

import java.util.List;

/** Port: writes the 20 scenes of a story from the quiz answers. */
public interface StoryWriter {

    /** Returns exactly {@link Beat#TOTAL_SCENES} scenes, numbered 1..20 in order. */
    List<Scene> write(StoryBrief brief);
}
