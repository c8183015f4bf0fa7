package fableforge.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.image.ImageOutcome;
import fableforge.spend.StorySpend;
import fableforge.story.Hero;
import fableforge.story.Scene;
import fableforge.wire.StoryDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code story.json} the command line writes: the story document of {@code GET /story}
 * ({@link StoryDocument.Story}), every image counted as approved, with what only the command line knows
 * (seed, frame size, providers, each scene's image file and tries).
 */
public final class StoryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    // The status words of the story document (the web's story and image statuses).
    private static final String ALL_APPROVED = "all_approved";
    private static final String IMAGES_READY = "images_ready";
    private static final String APPROVED = "approved";
    private static final String FAILED = "failed";

    private StoryJson() {
    }

    public static byte[] render(StoryPlan plan, List<ImageOutcome> outcomes, String storyWriterName, String imageGeneratorName,
                                StorySpend spend, Instant writtenAt) {
        List<StoryDocument.Scene> scenes = new ArrayList<>();
        Map<String, StoryDocument.Image> images = new LinkedHashMap<>();
        int produced = 0;
        for (int index = 0; index < plan.scenes().size(); index++) {
            Scene scene = plan.scenes().get(index);
            String prompt = plan.prompts().get(index);
            ImageOutcome outcome = outcomes.get(index);
            produced += outcome instanceof ImageOutcome.Produced ? 1 : 0;
            scenes.add(scene(scene, prompt, outcome));
            StoryDocument.Image image = image(prompt, outcome);
            images.put(String.valueOf(scene.number()), image.shown(1, List.of(image)));
        }
        List<StoryDocument.CostLine> lines = spend.lines().stream()
                .map(line -> new StoryDocument.CostLine(line.stage(), line.model(), line.calls(), line.usd())).toList();
        StoryDocument.Cost cost = new StoryDocument.Cost(spend.totalUsd(), spend.unpricedCalls(), lines, null, null, null, null, null,
                spend.totalUsd());
        StoryDocument.Story story = new StoryDocument.Story(plan.storyId(), produced == outcomes.size() ? ALL_APPROVED : IMAGES_READY,
                plan.seed(), plan.answers().values(), character(plan.hero()), plan.bible().text(), plan.context().aspectRatio().label(),
                plan.context().aspectRatio().width(), plan.context().aspectRatio().height(), scenes,
                plan.scenes().stream().map(fableforge.story.Scene::narration).toList(), produced, produced,
                plan.scenes().size(), images, cost, new StoryDocument.Providers(storyWriterName, imageGeneratorName), null,
                writtenAt.toString(), writtenAt.toString(), null);
        try {
            return MAPPER.writeValueAsBytes(story);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("story.json could not be rendered", e);
        }
    }

    /**
     * {@code story} (as {@link #render} made it) with a {@code video} object describing the video made from
     * it: the command line's own render summary (file, quality, timing), not the web's video job.
     */
    public static byte[] withVideo(byte[] story, ObjectNode video) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(story);
            root.set("video", video);
            return MAPPER.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("story.json could not be rendered", e);
        }
    }

    /** The hero as the story document sends it: the stored hero's fields, colours as name, number and hex. */
    public static StoryDocument.Character character(Hero hero) {
        return new StoryDocument.Character(hero.name(), hero.species(), colour(hero.primaryColour()), colour(hero.secondaryColour()),
                colour(hero.eyeColour()), hero.marking(), hero.artifact(), hero.power(), colour(hero.powerColour()));
    }

    private static StoryDocument.Colour colour(Hero.Colour colour) {
        return new StoryDocument.Colour(colour.name(), colour.rgb());
    }

    private static StoryDocument.Scene scene(Scene scene, String prompt, ImageOutcome outcome) {
        return switch (outcome) {
            case ImageOutcome.Produced produced -> new StoryDocument.Scene(scene.number(), scene.beat().id(), scene.text(), prompt, false,
                    produced.media().url(), produced.prompt().equals(prompt) ? null : produced.prompt(), null, produced.tries().size());
            case ImageOutcome.Failed failed -> new StoryDocument.Scene(scene.number(), scene.beat().id(), scene.text(), prompt, false,
                    null, null, failed.reason(), failed.tries().size());
        };
    }

    private static StoryDocument.Image image(String requested, ImageOutcome outcome) {
        return switch (outcome) {
            case ImageOutcome.Produced produced -> new StoryDocument.Image(1, APPROVED, produced.media().url(), produced.prompt(),
                    produced.prompt(), requested, null, null, produced.tries().size(), null, null, null);
            case ImageOutcome.Failed failed -> new StoryDocument.Image(1, FAILED, null, requested, null, requested, null,
                    failed.reason(), failed.tries().size(), null, null, null);
        };
    }
}
