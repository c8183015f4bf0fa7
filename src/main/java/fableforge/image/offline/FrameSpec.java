package fableforge.image.offline;

import fableforge.story.AspectRatio;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.story.Beat;
import fableforge.story.Hero;
import java.util.Objects;

/**
 * Everything one frame is drawn from, with odd input already made safe: a missing beat follows from the
 * scene number, missing text becomes empty, and the seeds are fixed from the request.
 *
 * @param worldSeed the same for every frame of a story (storyId + story seed), so they share a world
 * @param frameSeed storyId + scene + attempt: a retry gets a new framing of the same scene
 */
record FrameSpec(int sceneNumber, Beat beat, AspectRatio aspectRatio, Style style, Terrain terrain,
                 Anatomy anatomy, HeroPalette palette, String marking, Artifact artifact, String caption,
                 long worldSeed, long frameSeed) {

    private static final Hero FALLBACK_HERO = new Hero("Hero", "fox", null, null, null, "", "", "", null);

    static FrameSpec of(ImageRequest request) {
        ImageBrief brief = request.brief();
        int scene = brief == null ? 1 : brief.sceneNumber();
        Hero hero = brief == null || brief.hero() == null ? FALLBACK_HERO : brief.hero();
        Beat beat = brief != null && brief.beat() != null ? brief.beat() : beatOf(scene);
        String storyId = Objects.toString(request.storyId(), "");
        long storySeed = brief == null ? 0 : brief.storySeed();
        long world = mix(storyId.hashCode() * 0x9E3779B97F4A7C15L ^ mix(storySeed));
        long frame = mix(world ^ mix(storyId.hashCode() + 0x632BE59BD9B4E019L * scene) ^ mix(request.attempt() * 0xD1B54A32D192ED03L + 17));
        return new FrameSpec(
                scene,
                beat,
                brief == null || brief.aspectRatio() == null ? AspectRatio.DEFAULT : brief.aspectRatio(),
                Style.of(brief == null ? "" : brief.visualStyle()),
                Terrain.of(brief == null ? "" : brief.setting()),
                Anatomy.of(hero.species()),
                HeroPalette.of(hero),
                Objects.toString(hero.marking(), ""),
                new Artifact(hero.artifact()),
                brief == null ? "" : Objects.toString(brief.caption(), ""),
                world,
                frame);
    }

    private static Beat beatOf(int scene) {
        return Beat.ofScene(Math.max(1, Math.min(Beat.TOTAL_SCENES, scene)));
    }

    /** The SplitMix64 finalizer: spreads nearby inputs (scene 3 vs 4) into unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
