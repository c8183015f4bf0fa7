package fableforge.video;

import fableforge.story.AspectRatio;
import fableforge.story.VideoLength;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A video to make: the story's scenes in order with their approved images, the shape, the quality,
 * an optional music file (any format FFmpeg reads) to lay under the voice, the length asked for (empty:
 * each scene as long as its narration or caption needs) and how captions are burned in.
 */
public record VideoJob(String storyId, AspectRatio aspect, List<SceneStill> scenes, RenderQuality quality, Optional<Path> music,
                       OptionalInt lengthSeconds, CaptionStyle captions) {

    public VideoJob {
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one scene");
        }
        if (lengthSeconds.isPresent() && !VideoLength.allowed(lengthSeconds.getAsInt())) {
            throw new IllegalArgumentException(VideoLength.rule("the length") + ", not " + lengthSeconds.getAsInt());
        }
    }

    /** Scenes paced by their own narration or reading time, phrase captions. */
    public VideoJob(String storyId, AspectRatio aspect, List<SceneStill> scenes, RenderQuality quality, Optional<Path> music) {
        this(storyId, aspect, scenes, quality, music, OptionalInt.empty(), CaptionStyle.DEFAULT);
    }
}
