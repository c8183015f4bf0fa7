package fableforge;

import fableforge.provider.openai.ImageFamily;
import fableforge.provider.openai.ModelLifecycle;
import fableforge.provider.openai.ModelTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which adapter each stage uses and the settings of every real provider, read from the environment.
 * A stage left unset picks its real adapter when that provider's key is present, else the offline one.
 */
public record Providers(
        String story,
        String images,
        String media,
        OpenAi openAi,
        SdWebUi sdWebUi,
        Cloudinary cloudinary,
        S3 s3,
        Sheets sheets,
        Spend spend,
        Speech speech,
        Video video,
        Gemini gemini) {

    public static final String OFFLINE = "offline";

    /**
     * OpenAI and any server speaking its API (Ollama, vLLM, LM Studio, LocalAI). {@code chatModel} may be
     * {@code auto} until the start-up check resolves it; {@code models} is the model table
     * ({@code models.json} or {@code MODEL_TABLE_FILE}).
     */
    public record OpenAi(
            Optional<String> apiKey,
            URI baseUrl,
            String chatModel,
            String imageModel,
            String imageQuality,
            String imageStyle,
            boolean referenceConsistency,
            Duration timeout,
            ModelTable models) {

        @Override
        public String toString() {
            return Redacted.describe(this, "apiKey");
        }


        /** The same settings with the chat model the start-up check chose for {@code auto}. */
        public OpenAi withChatModel(String model) {
            return new OpenAi(apiKey, baseUrl, model, imageModel, imageQuality, imageStyle, referenceConsistency, timeout, models);
        }

        /** Whether calls can be made: a key, or a base URL of a compatible server that needs none. */
        public boolean usable() {
            return apiKey.isPresent() || !baseUrl.getHost().endsWith("openai.com");
        }
    }

    /**
     * Google's Gemini image models through the Gen AI SDK: the key (from Google AI Studio), the model
     * (configuration, never pinned in code), the API's base URL (a loopback fake in tests) and the
     * time limit of one call.
     */
    public record Gemini(Optional<String> apiKey, URI baseUrl, String imageModel, Duration timeout) {

        @Override
        public String toString() {
            return Redacted.describe(this, "apiKey");
        }

    }

    /** Stable Diffusion WebUI (AUTOMATIC1111, Forge, SD.Next) with {@code --api}. */
    public record SdWebUi(
            URI url,
            Optional<String> basicAuth,
            String negativePrompt,
            int steps,
            double cfgScale,
            String sampler,
            int baseSize,
            Duration timeout) {

        @Override
        public String toString() {
            return Redacted.describe(this, "basicAuth");
        }

    }

    /**
     * Cloudinary: signed uploads from {@code CLOUDINARY_URL} ({@code cloudinary://key:secret@cloud}),
     * unsigned ones from a cloud name and {@code CLOUDINARY_PRESET}. Media is read back from
     * {@code deliveryBaseUrl} ({@code https://res.cloudinary.com}, or a custom CNAME).
     */
    public record Cloudinary(
            Optional<String> cloudName,
            Optional<String> apiKey,
            Optional<String> apiSecret,
            Optional<String> uploadPreset,
            String folder,
            URI apiBaseUrl,
            URI deliveryBaseUrl,
            Duration timeout) {

        @Override
        public String toString() {
            return Redacted.describe(this, "apiKey", "apiSecret");
        }


        public boolean configured() {
            return cloudName.isPresent() && (apiSecret.isPresent() || uploadPreset.isPresent());
        }
    }

    /** S3-compatible object storage (AWS, MinIO, R2, …). */
    public record S3(
            Optional<String> bucket,
            String region,
            Optional<URI> endpoint,
            boolean pathStyle,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            Optional<URI> publicBaseUrl,
            Duration presignTtl) {

        @Override
        public String toString() {
            return Redacted.describe(this, "accessKeyId", "secretAccessKey");
        }

    }

    /**
     * Google Sheets tracking through a service account. {@code pollInterval}: how often the relay looks
     * for new events; {@code maxBackoff}: the longest wait between tries while Sheets is failing.
     */
    public record Sheets(
            boolean enabled,
            Optional<String> sheetId,
            Path credentialsFile,
            String range,
            URI tokenUrl,
            URI sheetsRootUrl,
            Duration pollInterval,
            Duration maxBackoff) {
    }

    /** Spend accounting: an optional daily cap and an optional file overriding the built-in price table. */
    public record Spend(Optional<Double> limitUsdPerDay, Optional<Path> priceTableFile) {
    }

    /**
     * Narration by OpenAI text-to-speech (key, base URL and timeout are {@link OpenAi}'s): the model
     * ({@code auto}, {@code gpt-4o-mini-tts}, {@code tts-1}, or what a compatible server calls its own) and the voice.
     */
    public record Speech(String model, String voice) {
    }

    /**
     * The clip of each scene: {@code local} (camera motion over the still, no key), {@code kling} or
     * {@code hailuo} (image-to-video, paid; a scene whose clip fails gets camera motion instead).
     *
     * @param maxConcurrent tasks in flight at the service at once
     * @param ratePerMinute tasks started a minute
     * @param maxTries      tries of one scene's clip before it falls back to camera motion
     * @param pollInterval  first wait between status calls (then longer, up to four times this)
     */
    public record Video(String clips, int maxConcurrent, int ratePerMinute, int maxTries, Duration pollInterval, Kling kling, Hailuo hailuo) {

        public static final List<String> CLIPS = List.of("local", "kling", "hailuo");

        /** Kling image-to-video: access and secret key (signed into a JWT per call), model, mode, task deadline. */
        public record Kling(Optional<String> accessKey, Optional<String> secretKey, URI baseUrl, String model, String mode, Duration timeout) {
            @Override
            public String toString() {
                return Redacted.describe(this, "accessKey", "secretKey");
            }

            public boolean configured() {
                return accessKey.isPresent() && secretKey.isPresent();
            }
        }

        /** Hailuo (MiniMax) video generation: key, model, resolution, the optional GroupId of older accounts, task deadline. */
        public record Hailuo(Optional<String> apiKey, URI baseUrl, String model, String resolution, Optional<String> groupId, Duration timeout) {
            @Override
            public String toString() {
                return Redacted.describe(this, "apiKey");
            }
        }
    }

    /**
     * Every credential configured for a provider: API keys, secrets, basic-auth passwords and, when
     * tracking is on, the Google service account's private key, for {@code Config.secrets()}.
     */
    List<String> secrets() {
        List<String> all = new java.util.ArrayList<>();
        openAi.apiKey().ifPresent(all::add);
        gemini.apiKey().ifPresent(all::add);
        sdWebUi.basicAuth().ifPresent(auth -> {
            all.add(auth);
            all.add(auth.substring(auth.indexOf(':') + 1));
        });
        cloudinary.apiKey().ifPresent(all::add);
        cloudinary.apiSecret().ifPresent(all::add);
        s3.accessKeyId().ifPresent(all::add);
        s3.secretAccessKey().ifPresent(all::add);
        video.kling().accessKey().ifPresent(all::add);
        video.kling().secretKey().ifPresent(all::add);
        video.hailuo().apiKey().ifPresent(all::add);
        if (sheets.enabled()) {
            all.addAll(ServiceAccountKey.secrets(sheets.credentialsFile()));
        }
        return all;
    }

    /** The same providers with other OpenAI and speech settings (the models the start-up check chose). */
    public Providers with(OpenAi openAi, Speech speech) {
        return new Providers(story, images, media, openAi, sdWebUi, cloudinary, s3, sheets, spend, speech, video, gemini);
    }

    static Providers read(Config.Reader reader) {
        OpenAi openAi = new OpenAi(
                reader.text("OPENAI_API_KEY"),
                uri(reader, "OPENAI_BASE_URL", "https://api.openai.com/v1"),
                reader.text("OPENAI_CHAT_MODEL", ModelLifecycle.AUTO),
                reader.text("OPENAI_IMAGE_MODEL", "gpt-image-2"),
                reader.text("OPENAI_IMAGE_QUALITY").map(String::toLowerCase).orElse(""),
                reader.choice("OPENAI_IMAGE_STYLE", List.of("vivid", "natural")).orElse("vivid"),
                reader.choice("IMAGE_CONSISTENCY", List.of("none", "reference")).orElse("none").equals("reference"),
                Duration.ofSeconds(reader.integer("OPENAI_TIMEOUT_SECONDS", 120, 1, 3_600)),
                modelTable(reader));
        SdWebUi sdWebUi = new SdWebUi(
                uri(reader, "SD_WEBUI_URL", "http://127.0.0.1:7860"),
                reader.text("SD_WEBUI_AUTH"),
                reader.text("SD_NEGATIVE_PROMPT", "blurry, deformed, extra limbs, text, watermark, signature, lowres"),
                reader.integer("SD_STEPS", 25, 1, 150),
                reader.decimal("SD_CFG_SCALE", 7, 1, 30),
                reader.text("SD_SAMPLER", "DPM++ 2M"),
                // The side of a square frame; other aspect ratios keep its area (768: SD 1.5/2.x, 1024: SDXL).
                reader.integer("SD_BASE_SIZE", 768, 256, 2_048),
                Duration.ofSeconds(reader.integer("SD_TIMEOUT_SECONDS", 300, 1, 3_600)));
        Cloudinary cloudinary = cloudinary(reader);
        S3 s3 = s3(reader);
        Sheets sheets = new Sheets(
                reader.bool("USE_GOOGLE_AUTH"),
                reader.text("GOOGLE_SHEET_ID"),
                Path.of(reader.text("GOOGLE_APPLICATION_CREDENTIALS", "/etc/secrets/service-account.json")),
                reader.text("GOOGLE_SHEET_RANGE", "Sheet1!A1"),
                uri(reader, "GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token"),
                uri(reader, "GOOGLE_SHEETS_ROOT_URL", "https://sheets.googleapis.com/"),
                // Sheets allows 60 write requests a minute per user; one append per 5 s stays far below.
                Duration.ofMillis(reader.integer("GOOGLE_SHEETS_POLL_MS", 5_000, 10, 3_600_000)),
                Duration.ofMillis(reader.integer("GOOGLE_SHEETS_MAX_BACKOFF_MS", 300_000, 10, 3_600_000)));
        Spend spend = new Spend(reader.optionalDecimal("SPEND_LIMIT_USD_PER_DAY", 0, 1_000_000),
                reader.text("PRICE_TABLE_FILE").map(Path::of));

        String story = reader.choice("STORY_PROVIDER", List.of(OFFLINE, "openai"))
                .orElse(openAi.apiKey().isPresent() ? "openai" : OFFLINE);
        Gemini gemini = gemini(reader);
        String images = reader.choice("IMAGE_PROVIDER", List.of(OFFLINE, "openai", "sdwebui", "gemini"))
                .orElse(openAi.apiKey().isPresent() ? "openai" : gemini.apiKey().isPresent() ? "gemini" : OFFLINE);
        String media = reader.choice("MEDIA_STORE", List.of("local", "cloudinary", "s3"))
                .orElse(cloudinary.configured() ? "cloudinary" : "local");
        Speech speech = new Speech(reader.text("OPENAI_TTS_MODEL", ModelLifecycle.AUTO), reader.text("OPENAI_TTS_VOICE", "alloy"));
        Providers providers = new Providers(story, images, media, openAi, sdWebUi, cloudinary, s3, sheets, spend, speech, video(reader),
                gemini);
        providers.checkComplete(reader);
        return providers;
    }

    /**
     * Settings that are allowed but probably not what the user meant, one line each, for the start-up
     * log: a missing optional key, or a setting the chosen adapters ignore.
     */
    public List<String> warnings() {
        List<String> warnings = new java.util.ArrayList<>();
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
        if (images.equals("openai") && !openAi.models().imageFamily(openAi.imageModel()).known()) {
            warnings.add("OPENAI_IMAGE_MODEL=" + openAi.imageModel() + " is of no image family FableForge knows (models.json):"
                    + " it is sent only model, prompt, n and a square size, and the picture is fitted to the frame");
        }
        if (video.clips().equals("local") && (video.kling().configured() || video.hailuo().apiKey().isPresent())) {
            warnings.add((video.kling().configured() ? "Kling" : "Hailuo") + " keys are set but VIDEO_CLIPS is local: clips use camera motion"
                    + " (set VIDEO_CLIPS=" + (video.kling().configured() ? "kling" : "hailuo") + " to use them)");
        }
        if (sheets.enabled() && !java.nio.file.Files.isReadable(sheets.credentialsFile())) {
            warnings.add("USE_GOOGLE_AUTH=true but the service account file " + sheets.credentialsFile()
                    + " is not readable (set GOOGLE_APPLICATION_CREDENTIALS): rows wait until it is");
        }
        return warnings;
    }

    /** A chosen adapter whose required settings are missing is a start-up error, not a failure at first use. */
    private void checkComplete(Config.Reader reader) {
        if ((story.equals("openai") || images.equals("openai")) && !openAi.usable()) {
            reader.problem("STORY_PROVIDER/IMAGE_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)");
        }
        if (images.equals("gemini") && gemini.apiKey().isEmpty()) {
            reader.problem("IMAGE_PROVIDER=gemini needs GEMINI_API_KEY (an API key from Google AI Studio)");
        }
        if (sdWebUi.basicAuth().filter(auth -> auth.indexOf(':') < 1).isPresent()) {
            reader.problem("SD_WEBUI_AUTH: must look like user:password (the WebUI's --api-auth)");
        }
        if (images.equals("openai")) {
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
        if (media.equals("cloudinary") && !cloudinary.configured()) {
            reader.problem("MEDIA_STORE=cloudinary needs CLOUDINARY_URL (cloudinary://key:secret@cloud) or CLOUDINARY_CLOUD_NAME with CLOUDINARY_PRESET");
        }
        if (media.equals("s3") && s3.bucket().isEmpty()) {
            reader.problem("MEDIA_STORE=s3 needs S3_BUCKET");
        }
        if (sheets.enabled() && sheets.sheetId().isEmpty()) {
            reader.problem("USE_GOOGLE_AUTH=true needs GOOGLE_SHEET_ID");
        }
        if (video.clips().equals("kling") && !video.kling().configured()) {
            reader.problem("VIDEO_CLIPS=kling needs KLING_API_KEY (access_key:secret_key) or KLING_ACCESS_KEY and KLING_SECRET_KEY");
        }
        if (video.clips().equals("hailuo") && video.hailuo().apiKey().isEmpty()) {
            reader.problem("VIDEO_CLIPS=hailuo needs HAILUO_AUTH (the MiniMax API key)");
        }
    }

    /**
     * Gemini image settings. The default model is Google's generally available image model (Gemini 2.5
     * Flash Image, per ai.google.dev/gemini-api/docs/image-generation); set GEMINI_IMAGE_MODEL for another.
     */
    private static Gemini gemini(Config.Reader reader) {
        return new Gemini(
                reader.text("GEMINI_API_KEY"),
                uri(reader, "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com"),
                reader.text("GEMINI_IMAGE_MODEL", "gemini-2.5-flash-image"),
                Duration.ofSeconds(reader.integer("GEMINI_TIMEOUT_SECONDS", 120, 1, 3_600)));
    }

    private static ModelTable modelTable(Config.Reader reader) {
        try {
            return ModelTable.load(reader.text("MODEL_TABLE_FILE").map(Path::of));
        } catch (IllegalArgumentException e) {
            reader.problem(e.getMessage());
            return ModelTable.builtIn();
        }
    }

    private static Video video(Config.Reader reader) {
        Optional<String> access = reader.text("KLING_ACCESS_KEY");
        Optional<String> secret = reader.text("KLING_SECRET_KEY");
        Optional<String> combined = reader.text("KLING_API_KEY");
        if (combined.isPresent()) {
            String[] parts = combined.get().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                reader.problem("KLING_API_KEY: must be access_key:secret_key (or set KLING_ACCESS_KEY and KLING_SECRET_KEY)");
            } else {
                access = Optional.of(parts[0].strip());
                secret = Optional.of(parts[1].strip());
            }
        }
        // Kling moved its international API from api.klingai.com to api-singapore.klingai.com; mainland accounts
        // use https://api-beijing.klingai.com. A key belongs to one host (Kling's "General Information", API Domain).
        // The default model is a current v2 image-to-video model taking std and pro, 5 s and 10 s (see KlingModels).
        Video.Kling kling = new Video.Kling(access, secret, uri(reader, "KLING_BASE_URL", "https://api-singapore.klingai.com"),
                reader.text("KLING_MODEL", "kling-v2-5-turbo"),
                reader.choice("KLING_MODE", List.of("std", "pro")).orElse("std"),
                Duration.ofSeconds(reader.integer("KLING_TIMEOUT_SECONDS", 600, 10, 7_200)));
        String hailuoModel = reader.text("HAILUO_MODEL", "MiniMax-Hailuo-02");
        // Each model renders only some resolutions (HailuoModels): a wrong pair stops start-up instead of failing every clip with 2013.
        var known = fableforge.video.hailuo.HailuoModels.find(hailuoModel);
        String resolution = reader.text("HAILUO_RESOLUTION").map(String::toUpperCase)
                .orElse(known.map(model -> model.defaultResolution()).orElse("768P"));
        if (known.isPresent() && !known.get().resolutions().contains(resolution)) {
            reader.problem("HAILUO_RESOLUTION=" + resolution + " is not offered by HAILUO_MODEL=" + hailuoModel
                    + ": use one of " + String.join(", ", known.get().resolutions()));
        }
        Video.Hailuo hailuo = new Video.Hailuo(reader.text("HAILUO_AUTH"), uri(reader, "HAILUO_BASE_URL", "https://api.minimax.io"),
                hailuoModel, resolution, reader.text("HAILUO_GROUP_ID"),
                Duration.ofSeconds(reader.integer("HAILUO_TIMEOUT_SECONDS", 600, 10, 7_200)));
        return new Video(
                reader.choice("VIDEO_CLIPS", Video.CLIPS).orElse("local"),
                reader.integer("VIDEO_MAX_CONCURRENT", 2, 1, 100),
                reader.integer("VIDEO_RATE_PER_MIN", 6, 1, 1_000),
                reader.integer("VIDEO_MAX_TRIES", 3, 1, 10),
                Duration.ofMillis(reader.integer("VIDEO_POLL_MS", 5_000, 1, 600_000)),
                kling, hailuo);
    }

    private static Cloudinary cloudinary(Config.Reader reader) {
        Optional<String> cloudName = reader.text("CLOUDINARY_CLOUD_NAME");
        Optional<String> apiKey = Optional.empty();
        Optional<String> apiSecret = Optional.empty();
        Optional<String> url = reader.text("CLOUDINARY_URL");
        if (url.isPresent()) {
            try {
                URI parsed = URI.create(url.get());
                String[] credentials = parsed.getRawUserInfo() == null ? new String[0] : parsed.getRawUserInfo().split(":", 2);
                if (!"cloudinary".equals(parsed.getScheme()) || parsed.getHost() == null || credentials.length != 2) {
                    throw new IllegalArgumentException();
                }
                apiKey = Optional.of(credentials[0]);
                apiSecret = Optional.of(credentials[1]);
                cloudName = Optional.of(parsed.getHost());
            } catch (IllegalArgumentException e) {
                reader.problem("CLOUDINARY_URL: must look like cloudinary://<api_key>:<api_secret>@<cloud_name>");
            }
        }
        return new Cloudinary(cloudName, apiKey, apiSecret, reader.text("CLOUDINARY_PRESET"),
                reader.text("CLOUDINARY_FOLDER", "fableforge"), uri(reader, "CLOUDINARY_API_BASE_URL", "https://api.cloudinary.com"),
                uri(reader, "CLOUDINARY_DELIVERY_BASE_URL", "https://res.cloudinary.com"),
                Duration.ofSeconds(reader.integer("CLOUDINARY_TIMEOUT_SECONDS", 60, 1, 3_600)));
    }

    private static S3 s3(Config.Reader reader) {
        Optional<URI> endpoint = reader.text("S3_ENDPOINT").map(value -> uri(reader, "S3_ENDPOINT", value));
        return new S3(
                reader.text("S3_BUCKET"),
                reader.text("S3_REGION", "us-east-1"),
                endpoint,
                reader.text("S3_PATH_STYLE").isPresent() ? reader.bool("S3_PATH_STYLE") : endpoint.isPresent(),
                reader.text("S3_ACCESS_KEY_ID").or(() -> reader.text("AWS_ACCESS_KEY_ID")),
                reader.text("S3_SECRET_ACCESS_KEY").or(() -> reader.text("AWS_SECRET_ACCESS_KEY")),
                reader.text("S3_PUBLIC_BASE_URL").map(value -> uri(reader, "S3_PUBLIC_BASE_URL", value)),
                Duration.ofMinutes(reader.integer("S3_PRESIGN_MINUTES", 60, 1, 7 * 24 * 60)));
    }

    private static URI uri(Config.Reader reader, String name, String fallback) {
        String value = reader.text(name, fallback);
        try {
            URI uri = URI.create(value.endsWith("/") && !fallback.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            reader.problem(name + "=" + value + ": must be an http(s) URL such as " + fallback);
            return URI.create(fallback.startsWith("http") ? fallback : "http://invalid");
        }
    }
}
