package fableforge.image;

import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.Hero;

/**
 * What a scene's image should show, as structured data. Remote providers only read the text prompt of
 * an {@link ImageRequest}; the offline illustrator draws from this brief instead, because it cannot
 * read prose.
 *
 * @param setting     the quiz's setting answer, e.g. "snowy mountains"
 * @param visualStyle the quiz's visual style answer, e.g. "watercolor"
 * @param caption     a short caption for the frame (a few words)
 * @param storySeed   the story's seed, so frames of one story share a world
 */
public record ImageBrief(
        int sceneNumber,
        Beat beat,
        Hero hero,
        String setting,
        String visualStyle,
        String caption,
        AspectRatio aspectRatio,
        long storySeed) {
}
