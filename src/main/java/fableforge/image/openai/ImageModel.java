package fableforge.image.openai;

import fableforge.story.AspectRatio;
import fableforge.provider.openai.ImageFamily;

/**
 * The configured OpenAI image model and its family ({@code models.json}): the size asked for a frame,
 * the quality word, and which request fields it takes. Any model id works; one of no known family gets
 * only what every image model takes.
 */
record ImageModel(String id, ImageFamily family, String quality) {

    /**
     * @throws IllegalArgumentException when {@code configuredQuality} is not a quality of the model's family
     */
    static ImageModel of(String id, ImageFamily family, String configuredQuality) {
        String quality = configuredQuality == null || configuredQuality.isBlank() ? family.defaultQuality() : configuredQuality;
        if (!quality.isEmpty() && !family.qualities().contains(quality)) {
            throw new IllegalArgumentException("OPENAI_IMAGE_QUALITY=" + quality + " does not apply to " + id
                    + (family.qualities().isEmpty() ? " (a model of no known family takes no quality)"
                    : "; use one of " + String.join(", ", family.qualities())));
        }
        return new ImageModel(id, family, family.takes("quality") ? quality : "");
    }

    /** The size asked for the story's frame: its own aspect where the model takes any size, else the nearest it takes. */
    String size(AspectRatio ratio) {
        return family.size(ratio);
    }

    boolean takes(String parameter) {
        return family.takes(parameter);
    }

    /** Edits with reference images: GPT image models take up to 16 (OpenAI's CreateImageEditRequest). */
    boolean takesReferenceImages() {
        return family.maxReferenceImages() > 0;
    }

    int maxReferenceImages() {
        return family.maxReferenceImages();
    }

    int maxPromptChars() {
        return family.maxPromptChars();
    }
}
