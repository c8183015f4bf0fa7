package fableforge.prompt;

import fableforge.story.Scene;
import java.util.List;

/** The offline prompt writer: {@link ScenePrompts} templates, deterministic, never fails. */
public final class TemplatePromptWriter implements PromptWriter {

    @Override
    public List<String> write(String storyId, List<Scene> scenes, CharacterBible bible, PromptContext context) {
        List<String> created = scenes.stream().map(scene -> ScenePrompts.create(scene, context)).toList();
        return ScenePrompts.standardize(created, bible, context);
    }

    @Override
    public String name() {
        return "offline-templates";
    }
}
