package fableforge.image.openai;

import fableforge.provider.openai.ImageFamily;
import fableforge.provider.openai.OpenAiSettings;
import fableforge.settings.SettingsReader;
import java.util.Optional;

/**
 * The start-up checks of OpenAI images: the image model's family (from the model table, so model names
 * stay configuration) decides which quality settings and reference images it takes.
 */
public final class OpenAiImages {

    private OpenAiImages() {
    }

    /** Chosen as the image provider: a quality or reference consistency the model cannot do stops start-up. */
    public static void check(OpenAiSettings openAi, SettingsReader reader) {
        ImageFamily family = openAi.models().imageFamily(openAi.imageModel());
        if (!openAi.imageQuality().isEmpty() && !family.qualities().contains(openAi.imageQuality())) {
            reader.problem("OPENAI_IMAGE_QUALITY=" + openAi.imageQuality() + " does not apply to " + openAi.imageModel()
                    + (family.qualities().isEmpty() ? " (a model of no known family is sent no quality); unset it"
                    : "; use one of " + String.join(", ", family.qualities())));
        }
        if (openAi.referenceConsistency() && family.maxReferenceImages() == 0) {
            reader.problem("IMAGE_CONSISTENCY=reference needs an OPENAI_IMAGE_MODEL that draws from reference images, such as gpt-image-2 ("
                    + openAi.imageModel() + " cannot)");
        }
    }

    /** Chosen as the image provider: a model of no family we know still works, with the smallest request. */
    public static Optional<String> warning(OpenAiSettings openAi) {
        return openAi.models().imageFamily(openAi.imageModel()).known() ? Optional.empty()
                : Optional.of("OPENAI_IMAGE_MODEL=" + openAi.imageModel() + " is of no image family FableForge knows (models.json):"
                        + " it is sent only model, prompt, n and a square size, and the picture is fitted to the frame");
    }
}
