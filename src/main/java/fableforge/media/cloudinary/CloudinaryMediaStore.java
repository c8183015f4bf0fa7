package fableforge.media.cloudinary;

import fableforge.Providers;
import fableforge.job.Sleeper;
import fableforge.media.MediaKey;
import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps media at Cloudinary; {@code secure_url} is the URL the UI shows.
 *
 * <p>Uploads go through Cloudinary's Java SDK ({@code cloudinary-http5}, DESIGN §10). Its upload URL
 * is {@code upload_prefix + /v1_1/<cloud>/<resource type>/upload}, so {@code CLOUDINARY_API_BASE_URL}
 * points it at any server (a loopback fake in the tests), and it signs requests itself. Asked with
 * {@code return_error} it hands back the HTTP status with the error message instead of throwing a bare
 * {@code RuntimeException}, and that answer is classified here once. Its HTTP client (Apache 5)
 * repeats a 429 or 503 once by itself, after the answer's {@code Retry-After} or a second; on top of
 * that a retryable failure is tried again here, up to {@value #UPLOAD_TRIES} uploads.
 *
 * <p>Reading back ({@link #open}) derives the delivery URL from the key rather than remembering
 * {@code secure_url}, so it works after a restart: {@code <delivery base>/<cloud>/<type>/upload/<public id>.<ext>}.
 * The SDK's own URL builder only makes https URLs on Cloudinary's hosts, so that URL is built here and
 * fetched with the JDK client. Signed uploads ask for {@code invalidate} with {@code overwrite}, so
 * the CDN does not keep serving a replaced asset at that version-less URL.
 */
public final class CloudinaryMediaStore implements MediaStore, Monitored {

    /** Uploads are cheap to repeat, the image behind them is not: a failed store would cost a new image. */
    private static final int UPLOAD_TRIES = 3;

    private final Providers.Cloudinary settings;
    private final String cloudName;
    private final com.cloudinary.Cloudinary sdk;
    private final ProviderHttp http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final AtomicReference<ProviderHttp.LastCall> lastUpload = new AtomicReference<>(new ProviderHttp.LastCall(0, false, 0));

    public CloudinaryMediaStore(Providers.Cloudinary settings, Sleeper sleeper, Clock clock) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("Cloudinary needs CLOUDINARY_URL, or CLOUDINARY_CLOUD_NAME with CLOUDINARY_PRESET");
        }
        if (!settings.folder().isBlank()) {
            MediaKey.requireValid(settings.folder());
        }
        this.settings = settings;
        this.cloudName = settings.cloudName().orElseThrow();
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = new ProviderHttp("cloudinary", clock);
        Map<String, Object> config = new HashMap<>();
        config.put("cloud_name", cloudName);
        settings.apiKey().ifPresent(key -> config.put("api_key", key));
        settings.apiSecret().ifPresent(secret -> config.put("api_secret", secret));
        config.put("upload_prefix", settings.apiBaseUrl().toString());
        config.put("secure", true);
        config.put("timeout", (int) Math.max(1, settings.timeout().toSeconds()));
        this.sdk = new com.cloudinary.Cloudinary(config);
    }

    @Override
    public StoredMedia put(String key, byte[] bytes, String contentType) throws IOException {
        MediaKey.requireValid(key);
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                return upload(key, bytes);
            } catch (MediaStoreException e) {
                if (!e.error().retryable() || tryNumber == UPLOAD_TRIES) {
                    throw e;
                }
                pause(Duration.ofSeconds(tryNumber));
            }
        }
    }

    private StoredMedia upload(String key, byte[] bytes) throws MediaStoreException {
        ResourceType type = ResourceType.of(key);
        Map<String, Object> options = new HashMap<>();
        options.put("public_id", type.publicId(settings.folder(), key));
        options.put("resource_type", type.path());
        options.put("filename", key.substring(key.lastIndexOf('/') + 1));
        options.put("return_error", true);
        boolean signed = settings.apiSecret().isPresent();
        Map<?, ?> answer;
        try {
            if (signed) {
                options.put("overwrite", true);
                options.put("invalidate", true);
                answer = sdk.uploader().upload(bytes, options);
            } else {
                // Unsigned uploads may not send overwrite; whether they replace is the preset's setting.
                answer = sdk.uploader().unsignedUpload(bytes, settings.uploadPreset().orElseThrow(), options);
            }
        } catch (InterruptedIOException e) {
            recordUpload(false, 0);
            throw new MediaStoreException(new ProviderError.TimedOut(
                    "Cloudinary did not answer the upload of " + key + " within " + settings.timeout().toSeconds() + " s"), e);
        } catch (IOException e) {
            recordUpload(false, 0);
            throw new MediaStoreException(new ProviderError.Transient("Cloudinary could not be reached: " + e.getMessage()), e);
        } catch (RuntimeException e) {
            recordUpload(true, 0);
            throw new MediaStoreException(new ProviderError.Transient("Cloudinary upload of " + key + " failed: " + e.getMessage()), e);
        }
        if (answer.get("error") instanceof Map<?, ?> error) {
            int status = error.get("http_code") instanceof Number code ? code.intValue() : 0;
            recordUpload(true, status);
            throw new MediaStoreException(CloudinaryErrors.classify(key, status, String.valueOf(error.get("message"))));
        }
        recordUpload(true, 200);
        if (!(answer.get("secure_url") instanceof String secureUrl) || secureUrl.isBlank()) {
            throw new MediaStoreException(new ProviderError.Transient("Cloudinary accepted " + key + " but answered without a secure_url"));
        }
        if (!signed && Boolean.TRUE.equals(answer.get("existing")) && !md5(bytes).equals(answer.get("etag"))) {
            throw new MediaStoreException(new ProviderError.BadRequest("Cloudinary kept an earlier asset at " + options.get("public_id")
                    + ": unsigned uploads cannot replace one unless the upload preset allows overwriting (or use a signed CLOUDINARY_URL)"));
        }
        return new StoredMedia(key, secureUrl, bytes.length);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        ResourceType type = ResourceType.of(MediaKey.requireValid(key));
        URI uri = URI.create(settings.deliveryBaseUrl() + "/" + cloudName + "/" + type.path() + "/upload/"
                + type.publicId(settings.folder(), key) + type.deliverySuffix(key));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).GET().build(), settings.timeout());
        } catch (ProviderException e) {
            throw new MediaStoreException(e.error(), e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new MediaStoreException(CloudinaryErrors.classify(key, response.statusCode(),
                    "download from " + uri + " answered " + response.headers().firstValue("x-cld-error").orElse("HTTP " + response.statusCode())));
        }
        return Optional.of(new ByteArrayInputStream(response.body()));
    }

    @Override
    public String name() {
        return "cloudinary";
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        ProviderHttp.LastCall upload = lastUpload.get();
        ProviderHttp.LastCall download = http.lastCall();
        return upload.atEpochMs() >= download.atEpochMs() ? upload : download;
    }

    private void recordUpload(boolean answered, int status) {
        lastUpload.set(new ProviderHttp.LastCall(clock.instant().toEpochMilli(), answered, status));
    }

    private void pause(Duration wait) throws MediaStoreException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaStoreException(new ProviderError.TimedOut("Cloudinary upload interrupted"), e);
        }
    }

    /** Cloudinary's etag is the MD5 of the stored file. */
    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
