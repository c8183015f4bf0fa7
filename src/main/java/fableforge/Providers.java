package fableforge;

import fableforge.image.gemini.GeminiSettings;
import fableforge.image.openai.OpenAiImages;
import fableforge.image.sdwebui.SdWebUiSettings;
import fableforge.media.cloudinary.CloudinarySettings;
import fableforge.media.s3.S3Settings;
import fableforge.provider.openai.OpenAiSettings;
import fableforge.settings.ProviderSettings;
import fableforge.settings.SettingsReader;
import fableforge.spend.SpendSettings;
import fableforge.telegram.TelegramSettings;
import fableforge.tracking.SheetsSettings;
import fableforge.video.SpeechSettings;
import fableforge.video.hailuo.HailuoService;
import fableforge.video.hailuo.HailuoSettings;
import fableforge.video.kling.KlingService;
import fableforge.video.kling.KlingSettings;
import fableforge.video.remote.RemoteClipService;
import fableforge.video.remote.RemoteClipSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which adapter each stage uses, and the list of every provider's settings. Each settings record lives
 * in its provider's package with its reading and its checks; this record only lists them and chooses.
 * A stage left unset picks its real adapter when that provider's key is present, else the offline one.
 */
public record Providers(
        String story,
        String images,
        String media,
        OpenAiSettings openAi,
        SdWebUiSettings sdWebUi,
        CloudinarySettings cloudinary,
        S3Settings s3,
        SheetsSettings sheets,
        SpendSettings spend,
        SpeechSettings speech,
        RemoteClipSettings video,
        GeminiSettings gemini,
        KlingSettings kling,
        HailuoSettings hailuo,
        TelegramSettings telegram) {

    public static final String OFFLINE = "offline";
    public static final List<String> STORIES = List.of(OFFLINE, "openai");
    public static final List<String> IMAGES = List.of(OFFLINE, "openai", "sdwebui", "gemini");
    public static final List<String> MEDIA = List.of("local", "cloudinary", "s3");
    public static final List<String> CLIPS = List.of(RemoteClipSettings.LOCAL, KlingService.NAME, HailuoService.NAME);

    static Providers read(SettingsReader reader) {
        OpenAiSettings openAi = OpenAiSettings.read(reader);
        SdWebUiSettings sdWebUi = SdWebUiSettings.read(reader);
        CloudinarySettings cloudinary = CloudinarySettings.read(reader);
        S3Settings s3 = S3Settings.read(reader);
        SheetsSettings sheets = SheetsSettings.read(reader);
        SpendSettings spend = SpendSettings.read(reader);
        GeminiSettings gemini = GeminiSettings.read(reader);
        SpeechSettings speech = SpeechSettings.read(reader);
        KlingSettings kling = KlingSettings.read(reader);
        HailuoSettings hailuo = HailuoSettings.read(reader);
        RemoteClipSettings video = RemoteClipSettings.read(reader, CLIPS);
        TelegramSettings telegram = TelegramSettings.read(reader);

        String story = reader.choice("STORY_PROVIDER", STORIES).orElse(openAi.apiKey().isPresent() ? "openai" : OFFLINE);
        String images = reader.choice("IMAGE_PROVIDER", IMAGES)
                .orElse(openAi.apiKey().isPresent() ? "openai" : gemini.apiKey().isPresent() ? "gemini" : OFFLINE);
        String media = reader.choice("MEDIA_STORE", MEDIA).orElse(cloudinary.configured() ? "cloudinary" : "local");
        Providers providers = new Providers(story, images, media, openAi, sdWebUi, cloudinary, s3, sheets, spend, speech, video,
                gemini, kling, hailuo, telegram);
        providers.checkChosen(reader);
        return providers;
    }

    /** A chosen adapter whose required settings are missing is a start-up error, not a failure at first use. */
    private void checkChosen(SettingsReader reader) {
        openAi.check(story.equals("openai") || images.equals("openai"), reader);
        gemini.check(images.equals("gemini"), reader);
        if (images.equals("openai")) {
            OpenAiImages.check(openAi, reader);
        }
        cloudinary.check(media.equals("cloudinary"), reader);
        s3.check(media.equals("s3"), reader);
        sheets.check(reader);
        telegram.check(reader);
        kling.check(video.clips().equals(KlingService.NAME), reader);
        hailuo.check(video.clips().equals(HailuoService.NAME), reader);
    }

    /** The remote clip service {@code VIDEO_CLIPS} names, built by its own package; empty for {@code local}. */
    public Optional<RemoteClipService> remoteClips() {
        return switch (video.clips()) {
            case KlingService.NAME -> Optional.of(new KlingService(kling));
            case HailuoService.NAME -> Optional.of(new HailuoService(hailuo));
            default -> Optional.empty();
        };
    }

    /** Every provider's settings: what applies to all of them alike is asked of this list. */
    List<ProviderSettings> all() {
        return List.of(openAi, gemini, sdWebUi, cloudinary, s3, kling, hailuo, sheets, telegram);
    }

    /**
     * Every credential configured for a provider: API keys, secrets, basic-auth passwords and, when
     * tracking is on, the Google service account's private key, for {@code Config.secrets()}.
     */
    List<String> secrets() {
        return all().stream().flatMap(settings -> settings.secrets().stream()).toList();
    }

    /** The same providers with other OpenAI and speech settings (the models the start-up check chose). */
    public Providers with(OpenAiSettings openAi, SpeechSettings speech) {
        return new Providers(story, images, media, openAi, sdWebUi, cloudinary, s3, sheets, spend, speech, video, gemini, kling, hailuo,
                telegram);
    }

    /**
     * Settings that are allowed but probably not what the user meant, one line each, for the start-up
     * log: a missing optional key, or a setting the chosen adapters ignore.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (openAi.apiKey().isEmpty() && (story.equals(OFFLINE) || images.equals(OFFLINE))) {
            warnings.add("OPENAI_API_KEY is not set: " + (story.equals(OFFLINE) ? "stories" : "")
                    + (story.equals(OFFLINE) && images.equals(OFFLINE) ? " and " : "")
                    + (images.equals(OFFLINE) ? "images" : "") + " use the offline providers");
        }
        if (cloudinary.uploadPreset().isPresent() && cloudinary.cloudName().isEmpty()) {
            warnings.add("CLOUDINARY_PRESET is set without CLOUDINARY_CLOUD_NAME (or CLOUDINARY_URL): media stays " + media);
        }
        if (openAi.referenceConsistency() && !images.equals("openai") && !images.equals("gemini")) {
            warnings.add("IMAGE_CONSISTENCY=reference applies to IMAGE_PROVIDER=openai (gemini always draws from references); ignored by "
                    + images);
        }
        if (images.equals("openai")) {
            OpenAiImages.warning(openAi).ifPresent(warnings::add);
        }
        if (video.clips().equals(RemoteClipSettings.LOCAL) && (kling.configured() || hailuo.apiKey().isPresent())) {
            warnings.add((kling.configured() ? "Kling" : "Hailuo") + " keys are set but VIDEO_CLIPS is local: clips use camera motion"
                    + " (set VIDEO_CLIPS=" + (kling.configured() ? "kling" : "hailuo") + " to use them)");
        }
        sheets.warning().ifPresent(warnings::add);
        telegram.warning().ifPresent(warnings::add);
        return warnings;
    }
}
