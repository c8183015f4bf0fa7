package fableforge.prompt;

import fableforge.provider.ProviderException;
import fableforge.story.Scene;
import java.util.List;

/**
 * Port: turns the (edited) scenes of a story into one visual prompt each, standardized around the
 * character bible (the seed's {@code create_prompts} and {@code standardize_prompts} steps).
 */
public interface PromptWriter {

    /**
     * One prompt per scene, in the scenes' order, each containing {@code bible.text()} word for word
     * exactly once. Sanitizing happens after, for every writer alike.
     */
    List<String> write(String storyId, List<Scene> scenes, CharacterBible bible, PromptContext context) throws ProviderException;

    String name();

    /** The offline pipeline: deterministic templates, no provider. */
    TemplatePromptWriter TEMPLATES = new TemplatePromptWriter();
}
