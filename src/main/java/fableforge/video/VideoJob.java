package fableforge.video;

import fableforge.story.AspectRatio;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A video to make: the story's scenes in order with their approved images, the shape, the quality,
 * and an optional music file (any format FFmpeg reads) to lay under the voice.
 */
public record VideoJob(String storyId, AspectRatio aspect, List<SceneStill> scenes, RenderQuality quality, Optional<Path> music) {

    public VideoJob {
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one scene");
        }
    }
}
