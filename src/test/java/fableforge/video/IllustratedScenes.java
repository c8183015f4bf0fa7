package fableforge.video;

import fableforge.image.GeneratedImage;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.offline.StoryboardIllustrator;
import fableforge.quiz.QuizAnswers;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.HeroDesigner;
import fableforge.story.Scene;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Scenes of stories from random quizzes, drawn by the offline illustrator: other animals (every body plan),
 * settings, styles, story seeds and attempts, one scene of each beat a story (which scene of the beat is
 * random too, as some poses differ between odd and even scenes), so every beat's pose and shot is met in
 * many sizes and places.
 */
final class IllustratedScenes {

    private static final List<String> ANIMALS = List.of("red fox", "otter", "pangolin", "snowy owl", "eagle", "penguin", "turtle", "deer",
            "horse", "rabbit", "bear", "bengal tiger", "lion", "raccoon", "mouse", "squirrel", "unicorn", "wolf");
    private static final List<String> SETTINGS = List.of("enchanted forest", "snowy mountains", "desert canyon", "coral reef coast",
            "misty swamp", "big city");
    private static final List<String> STYLES = List.of("watercolor", "comic", "pixel art", "anime", "storyboard");
    private static final List<String> POWERS = List.of("fire", "ice", "lightning", "wind", "light");
    private static final List<String> SOURCES = List.of("ancient amulet", "glowing crystal", "fallen star", "old music box");

    private static final StoryboardIllustrator ILLUSTRATOR = new StoryboardIllustrator();
    /** Drawing is most of these tests' time: the classes that check the same scenes draw them once per run. */
    private static final java.util.Map<String, List<Drawn>> DRAWN = new java.util.concurrent.ConcurrentHashMap<>();

    /** One drawn scene and what the video is told about it. */
    record Drawn(Hero hero, String style, long seed, Scene scene, GeneratedImage image, Optional<Rectangle> picture) {

        SceneStill still() {
            return new SceneStill(scene, image.bytes(), picture, image.subject());
        }

        ClipRequest clip(FrameSize size, int frames) {
            return new ClipRequest("story", scene, image.bytes(), picture, frames, size, 30, image.subject());
        }

        @Override
        public String toString() {
            return "%s (%s, %s, seed %d) scene %d %s".formatted(hero.name(), hero.species(), style, seed, scene.number(), scene.beat());
        }
    }

    private IllustratedScenes() {
    }

    /** One scene of each beat of {@code stories} random stories in {@code aspect}, the quizzes drawn from {@code seed}. */
    static List<Drawn> of(AspectRatio aspect, int stories, long seed) throws Exception {
        try {
            return DRAWN.computeIfAbsent(aspect + "/" + stories + "/" + seed, key -> {
                try {
                    return draw(aspect, stories, seed);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static List<Drawn> draw(AspectRatio aspect, int stories, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<Drawn> drawn = new ArrayList<>();
        for (int s = 0; s < stories; s++) {
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("animal", pick(random, ANIMALS));
            answers.put("character_name", "Hero" + s);
            answers.put("setting", pick(random, SETTINGS));
            answers.put("visual_style", pick(random, STYLES));
            answers.put("power", pick(random, POWERS));
            answers.put("power_source", pick(random, SOURCES));
            long storySeed = random.nextLong();
            Hero hero = new HeroDesigner().design(new QuizAnswers(answers), storySeed);
            for (Beat beat : Beat.values()) {
                List<Integer> scenes = java.util.stream.IntStream.rangeClosed(1, Beat.TOTAL_SCENES).filter(n -> Beat.ofScene(n) == beat)
                        .boxed().toList();
                int number = scenes.get(random.nextInt(scenes.size()));
                ImageBrief brief = new ImageBrief(number, Beat.ofScene(number), hero, answers.get("setting"), answers.get("visual_style"),
                        "text", aspect, storySeed);
                GeneratedImage image = ILLUSTRATOR.generate(new ImageRequest("story", 1 + random.nextInt(3), "prompt", brief));
                drawn.add(new Drawn(hero, answers.get("visual_style"), storySeed, Scene.of(number, "text"), image,
                        ILLUSTRATOR.pictureArea(image.width(), image.height())));
            }
        }
        return List.copyOf(drawn);
    }

    private static String pick(SplittableRandom random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
