package fableforge.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.image.ImageOutcome;
import fableforge.spend.StorySpend;
import fableforge.story.Hero;
import fableforge.story.Scene;
import java.util.List;

/** The {@code story.json} document the command line writes: answers, character, scenes with prompts and images. */
public final class StoryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StoryJson() {
    }

    public static byte[] render(StoryPlan plan, List<ImageOutcome> outcomes, String storyWriterName, String imageGeneratorName,
                                StorySpend spend) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("story_id", plan.storyId());
        root.put("seed", plan.seed());
        ObjectNode quiz = root.putObject("quiz");
        plan.answers().values().forEach(quiz::put);
        root.set("character", character(plan));
        root.put("character_bible", plan.bible().text());
        root.put("aspect_ratio", plan.context().aspectRatio().label());
        root.put("width", plan.context().aspectRatio().width());
        root.put("height", plan.context().aspectRatio().height());
        ArrayNode scenes = root.putArray("scenes");
        for (int index = 0; index < plan.scenes().size(); index++) {
            scenes.add(scene(plan.scenes().get(index), plan.prompts().get(index), outcomes.get(index)));
        }
        ObjectNode providers = root.putObject("providers");
        providers.put("story", storyWriterName);
        providers.put("images", imageGeneratorName);
        ObjectNode cost = root.putObject("cost");
        cost.put("estimated_usd", spend.totalUsd());
        cost.put("unpriced_calls", spend.unpricedCalls());
        ArrayNode lines = cost.putArray("lines");
        spend.lines().forEach(line -> lines.addObject().put("stage", line.stage()).put("model", line.model())
                .put("calls", line.calls()).put("usd", line.usd()));
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("story.json could not be rendered", e);
        }
    }

    /** {@code story} (as {@link #render} made it) with a {@code video} object describing the video made from it. */
    public static byte[] withVideo(byte[] story, ObjectNode video) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(story);
            root.set("video", video);
            return MAPPER.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("story.json could not be rendered", e);
        }
    }

    private static ObjectNode character(StoryPlan plan) {
        Hero hero = plan.hero();
        ObjectNode character = MAPPER.createObjectNode();
        character.put("name", hero.name());
        character.put("species", hero.species());
        character.set("primary_color", colour(hero.primaryColour()));
        character.set("secondary_color", colour(hero.secondaryColour()));
        character.set("eye_color", colour(hero.eyeColour()));
        character.put("marking", hero.marking());
        character.put("artifact", hero.artifact());
        character.put("power", hero.power());
        character.set("power_color", colour(hero.powerColour()));
        character.put("bible", plan.bible().text());
        return character;
    }

    private static ObjectNode colour(Hero.Colour colour) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", colour.name());
        node.put("hex", colour.hex());
        return node;
    }

    private static ObjectNode scene(Scene scene, String prompt, ImageOutcome outcome) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("number", scene.number());
        node.put("beat", scene.beat().id());
        node.put("text", scene.text());
        node.put("prompt", prompt);
        switch (outcome) {
            case ImageOutcome.Produced produced -> {
                node.put("image", produced.media().url());
                if (!produced.prompt().equals(prompt)) {
                    node.put("image_prompt", produced.prompt());
                }
            }
            case ImageOutcome.Failed failed -> {
                node.putNull("image");
                node.put("image_error", failed.reason());
            }
        }
        node.put("image_tries", outcome.tries().size());
        return node;
    }
}
