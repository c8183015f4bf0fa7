package fableforge.image;

import fableforge.media.MediaStore;
import fableforge.store.NewStory;
import fableforge.store.SceneRow;
import java.io.InputStream;
import java.util.List;
import java.util.stream.IntStream;

/** A stored Ember story of 20 scenes and media reads, for the reference-image tests of every image provider. */
public final class StoryFixtures {

    private StoryFixtures() {
    }

    public static NewStory story(String id) {
        List<SceneRow> scenes = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> new SceneRow(n, n <= 4 ? "underdog" : "discovery", "Scene " + n + ".", "Scene " + n + " prompt", false))
                .toList();
        return new NewStory(id, "{\"animal\":\"fox\"}", 7L, "{\"name\":\"Ember\",\"species\":\"fox\"}", "Ember is a fox.",
                "forest", "watercolor", "9:16", scenes);
    }

    public static byte[] read(MediaStore media, String key) throws Exception {
        try (InputStream in = media.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }
}
