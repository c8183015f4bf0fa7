package fableforge.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.story.AspectRatio;
import fableforge.image.ImageBrief;
import fableforge.image.ImageRequest;
import fableforge.image.ImageTask;
import fableforge.prompt.CharacterBible;
import fableforge.prompt.PromptContext;
import fableforge.prompt.SceneCaption;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.Scene;
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;

/** Turns a stored story back into the domain objects the pipeline works with. */
final class StoredStory {

    private final StoryRecord record;
    private final Hero hero;

    StoredStory(StoryRecord record, ObjectMapper mapper) {
        this.record = record;
        try {
            this.hero = mapper.readValue(record.heroJson(), Hero.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("story " + record.storyId() + " has an unreadable hero", e);
        }
    }

    StoryRecord record() {
        return record;
    }

    Hero hero() {
        return hero;
    }

    CharacterBible bible() {
        return new CharacterBible(record.characterBible());
    }

    PromptContext context() {
        return new PromptContext(record.setting(), record.visualStyle(), AspectRatio.fromLabel(record.aspectRatio()));
    }

    SceneRow scene(int number) {
        return record.scenes().get(number - 1);
    }

    static String mediaKey(String storyId, int scene, int attempt) {
        return "stories/%s/scene-%02d-a%d.png".formatted(storyId, scene, attempt);
    }

    ImageTask task(int sceneNumber, int attempt, String prompt) {
        SceneRow row = scene(sceneNumber);
        Scene scene = new Scene(sceneNumber, Beat.ofScene(sceneNumber), row.text());
        ImageBrief brief = new ImageBrief(sceneNumber, scene.beat(), hero, record.setting(), record.visualStyle(),
                SceneCaption.of(scene), context().aspectRatio(), record.seed());
        return new ImageTask(new ImageRequest(record.storyId(), attempt, prompt, brief), mediaKey(record.storyId(), sceneNumber, attempt));
    }
}
