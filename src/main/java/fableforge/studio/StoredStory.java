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
import fableforge.store.SceneRow;
import fableforge.store.StoryRecord;
import fableforge.story.Beat;
import fableforge.story.Hero;
import fableforge.story.Scene;

/** Turns a stored story back into the domain objects the pipeline works with. */
public final class StoredStory {

    private final StoryRecord record;
    private final Hero hero;

    public StoredStory(StoryRecord record, ObjectMapper mapper) {
        this.record = record;
        try {
            this.hero = mapper.readValue(record.heroJson(), Hero.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("story " + record.storyId() + " has an unreadable hero", e);
        }
    }

    public StoryRecord record() {
        return record;
    }

    public Hero hero() {
        return hero;
    }

    public CharacterBible bible() {
        return new CharacterBible(record.characterBible());
    }

    public PromptContext context() {
        return new PromptContext(record.setting(), record.visualStyle(), AspectRatio.fromLabel(record.aspectRatio()));
    }

    public SceneRow scene(int number) {
        return record.scenes().get(number - 1);
    }

    /** Scene {@code number} as the video tells it: its text and its narration line (derived when the story has none). */
    public Scene storyScene(int number) {
        SceneRow row = scene(number);
        return Scene.of(number, row.text(), NarrationLines.of(row, context().aspectRatio()));
    }

    public static String mediaKey(String storyId, int scene, int attempt) {
        return "stories/%s/scene-%02d-a%d.png".formatted(storyId, scene, attempt);
    }

    public ImageTask task(int sceneNumber, int attempt, String prompt) {
        SceneRow row = scene(sceneNumber);
        Scene scene = new Scene(sceneNumber, Beat.ofScene(sceneNumber), row.text(), NarrationLines.of(row, context().aspectRatio()));
        ImageBrief brief = new ImageBrief(sceneNumber, scene.beat(), hero, record.setting(), record.visualStyle(),
                SceneCaption.of(scene), context().aspectRatio(), record.seed());
        return new ImageTask(new ImageRequest(record.storyId(), attempt, prompt, brief), mediaKey(record.storyId(), sceneNumber, attempt));
    }
}
