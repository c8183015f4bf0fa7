package fableforge.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A story as first written, before any image: the quiz answers and hero as JSON documents (the store
 * keeps them as given), the seed, the character bible, the shared prompt context, the scenes and the
 * owner (the creator's {@code Caller.userId}; null for a story made without accounts).
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
        List<SceneRow> scenes,
        String ownerId) {

    /** A story made without accounts: no owner. */
    public NewStory(String storyId, String answersJson, long seed, String heroJson, String characterBible,
                    String setting, String visualStyle, String aspectRatio, List<SceneRow> scenes) {
        this(storyId, answersJson, seed, heroJson, characterBible, setting, visualStyle, aspectRatio, scenes, null);
    }

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
