package fableforge.pipeline;

import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.ImageTask;
import fableforge.prompt.SceneCaption;
import fableforge.story.Scene;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Builds the image tasks of a planned story. */
public final class ImageTasks {

    private ImageTasks() {
    }

    /** One task per scene, first attempt, stored under the key {@code mediaKey} gives each scene number. */
    public static List<ImageTask> forPlan(StoryPlan plan, IntFunction<String> mediaKey) {
        return IntStream.range(0, plan.scenes().size())
                .mapToObj(index -> forScene(plan, plan.scenes().get(index), plan.prompts().get(index), 1, mediaKey.apply(index + 1)))
                .toList();
    }

    public static ImageTask forScene(StoryPlan plan, Scene scene, String prompt, int attempt, String mediaKey) {
        ImageBrief brief = new ImageBrief(scene.number(), scene.beat(), plan.hero(), plan.context().setting(),
                plan.context().visualStyle(), SceneCaption.of(scene), plan.context().aspectRatio(), plan.seed());
        return new ImageTask(new ImageRequest(plan.storyId(), attempt, prompt, brief), mediaKey);
    }
}
