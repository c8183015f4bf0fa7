package fableforge.image.openai;

import fableforge.image.AspectRatio;
import java.util.List;

/**
 * What differs between the two OpenAI image models we support: the sizes each accepts, its quality
 * words, and which request fields it takes (dall-e-3 alone takes {@code style} and
 * {@code response_format}; gpt-image-1 always answers {@code b64_json} and rejects that field).
 */
enum ImageModel {
    DALL_E_3("dall-e-3", "1024x1792", "1792x1024", "1024x1024", List.of("standard", "hd"), "standard", 4_000),
    GPT_IMAGE_1("gpt-image-1", "1024x1536", "1536x1024", "1024x1024", List.of("low", "medium", "high", "auto"), "medium", 32_000);

    private final String id;
    private final String portrait;
    private final String landscape;
    private final String square;
    private final List<String> qualities;
    private final String defaultQuality;
    private final int maxPromptChars;

    ImageModel(String id, String portrait, String landscape, String square, List<String> qualities, String defaultQuality,
               int maxPromptChars) {
        this.id = id;
        this.portrait = portrait;
        this.landscape = landscape;
        this.square = square;
        this.qualities = qualities;
        this.defaultQuality = defaultQuality;
        this.maxPromptChars = maxPromptChars;
    }

    static ImageModel of(String id) {
        for (ImageModel model : values()) {
            if (model.id.equals(id)) {
                return model;
            }
        }
        throw new IllegalArgumentException("OPENAI_IMAGE_MODEL=" + id + ": FableForge knows dall-e-3 and gpt-image-1");
    }

    String id() {
        return id;
    }

    /** The model's size nearest to the story's frame; the media pipeline crops and scales from there. */
    String size(AspectRatio ratio) {
        return switch (ratio) {
            case PORTRAIT -> portrait;
            case LANDSCAPE -> landscape;
            case SQUARE -> square;
        };
    }

    /**
     * The configured quality, or this model's default when none is set; a quality word of the other
     * model is a configuration error found at start-up rather than a 400 on every image.
     */
    String quality(String configured) {
        if (configured == null || configured.isBlank()) {
            return defaultQuality;
        }
        if (!qualities.contains(configured)) {
            throw new IllegalArgumentException("OPENAI_IMAGE_QUALITY=" + configured + " does not apply to " + id
                    + "; use one of " + String.join(", ", qualities));
        }
        return configured;
    }

    boolean takesStyleAndResponseFormat() {
        return this == DALL_E_3;
    }

    /** Only gpt-image-1 draws from reference images ({@code /images/edits} with dall-e-3 is refused). */
    boolean takesReferenceImages() {
        return this == GPT_IMAGE_1;
    }

    int maxPromptChars() {
        return maxPromptChars;
    }
}
