package fableforge.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A story as first written, before any image: the quiz answers and hero as JSON documents (the store
 * keeps them as given), the seed, the character bible, the shared prompt context and the scenes.
 */
public record NewStory(
        String storyId,
        String answersJson,
        long seed,
        String heroJson,
        String characterBible,
        String setting,
        String visualStyle,
        String aspectRatio,
        List<SceneRow> scenes) {

    public NewStory {
        if (storyId == null || storyId.isBlank()) {
            throw new IllegalArgumentException("a story needs an id");
        }
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("story " + storyId + " has no scenes");
        }
        Set<Integer> numbers = new HashSet<>();
        for (SceneRow scene : scenes) {
            if (!numbers.add(scene.number())) {
                throw new IllegalArgumentException("story " + storyId + " has scene " + scene.number() + " twice");
            }
        }
    }
}
