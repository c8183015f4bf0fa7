package fableforge.media.cloudinary;

import fableforge.job.Sleeper;
import fableforge.media.MediaKey;
import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.http.ProviderHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * that a retryable failure (5xx, 420/429, no answer) is tried again here, up to {@value #UPLOAD_TRIES}
 * uploads; any other answer is final. Files larger than {@value #DEFAULT_CHUNK_BYTES} bytes (a final
 * video, its ZIP) go up in chunks ({@link #sendInChunks}).
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
    /** Files larger than this go up in chunks of this size: the SDKs' {@code upload_large} default. */
    static final int DEFAULT_CHUNK_BYTES = 20_000_000;
    /** Cloudinary refuses a chunk under 5 MB unless it is the last. */
    static final int MIN_CHUNK_BYTES = 5 * 1024 * 1024;

    private final CloudinarySettings settings;
    private final String cloudName;
    private final com.cloudinary.Cloudinary sdk;
    private final ProviderHttp http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int chunkBytes;
    private final AtomicReference<ProviderHttp.LastCall> lastUpload = new AtomicReference<>(new ProviderHttp.LastCall(0, false, 0));

    public CloudinaryMediaStore(CloudinarySettings settings, Sleeper sleeper, Clock clock) {
        this(settings, sleeper, clock, DEFAULT_CHUNK_BYTES);
    }

    /** @param chunkBytes the chunk size, and the size above which a file is sent in chunks (tests use small ones) */
    CloudinaryMediaStore(CloudinarySettings settings, Sleeper sleeper, Clock clock, int chunkBytes) {
        if (chunkBytes < MIN_CHUNK_BYTES) {
            throw new IllegalArgumentException("Cloudinary chunks must be at least 5 MB, not " + chunkBytes + " bytes");
        }
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
        this.chunkBytes = chunkBytes;
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
        return store(key, new InMemory(bytes));
    }

    /** Streams the file from disk: whole through the SDK's file part, or one chunk in memory at a time. */
    @Override
    public StoredMedia putFile(String key, Path file, String contentType) throws IOException {
        return store(key, new OnDisk(file, Files.size(file)));
    }

    private StoredMedia store(String key, Body body) throws IOException {
        MediaKey.requireValid(key);
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                return upload(key, body);
            } catch (MediaStoreException e) {
                if (!e.error().retryable() || tryNumber == UPLOAD_TRIES) {
                    throw e;
                }
                pause(Duration.ofSeconds(tryNumber));
            }
        }
    }

    private StoredMedia upload(String key, Body body) throws IOException {
        ResourceType type = ResourceType.of(key);
        Map<String, Object> options = new HashMap<>();
        options.put("public_id", type.publicId(settings.folder(), key));
        options.put("resource_type", type.path());
        options.put("filename", key.substring(key.lastIndexOf('/') + 1));
        options.put("return_error", true);
        boolean signed = settings.apiSecret().isPresent();
        if (signed) {
            options.put("overwrite", true);
            options.put("invalidate", true);
        }
        Map<?, ?> answer = body.length() > chunkBytes ? sendInChunks(key, body, options) : send(key, body.whole(), options);
        if (!(answer.get("secure_url") instanceof String secureUrl) || secureUrl.isBlank()) {
            throw new MediaStoreException(new ProviderError.Transient("Cloudinary accepted " + key + " but answered without a secure_url"));
        }
        if (!signed && Boolean.TRUE.equals(answer.get("existing")) && !body.md5().equals(answer.get("etag"))) {
            throw new MediaStoreException(new ProviderError.BadRequest("Cloudinary kept an earlier asset at " + options.get("public_id")
                    + ": unsigned uploads cannot replace one unless the upload preset allows overwriting (or use a signed CLOUDINARY_URL)"));
        }
        return new StoredMedia(key, secureUrl, body.length());
    }

    /**
     * A file larger than one chunk goes up as {@code upload_large} sends it: several requests to the same
     * upload endpoint, each signed like a whole upload, sharing one {@code X-Unique-Upload-Id} and each
     * naming its part with {@code Content-Range: bytes start-end/total}, in order, every part but the
     * last at least 5 MB; only the last part's answer is the upload's answer
     * (https://support.cloudinary.com/hc/en-us/articles/208263735, "Guidelines for self implementing
     * chunked upload to Cloudinary"; the 20 MB default chunk: "upload_large ... splits the file into
     * chunks (20 MB by default, set with chunk_size)",
     * https://github.com/cloudinary/cloudinary_npm/blob/master/docs/upload-image.md). The SDK's own {@code uploadLarge} goes on to the next part
     * after a refused one; this loop stops at the first refusal. A failed upload starts again from the
     * first part under a new id: re-sending one part of an upload is not something Cloudinary documents.
     */
    private Map<?, ?> sendInChunks(String key, Body body, Map<String, Object> options) throws IOException {
        String uploadId = UUID.randomUUID().toString().replace("-", "");
        long total = body.length();
        Map<?, ?> answer = Map.of();
        for (long start = 0; start < total; start += chunkBytes) {
            int size = (int) Math.min(chunkBytes, total - start);
            Map<String, Object> part = new HashMap<>(options);
            part.put("extra_headers", Map.of(
                    "X-Unique-Upload-Id", uploadId,
                    "Content-Range", "bytes " + start + "-" + (start + size - 1) + "/" + total));
            answer = send(key, body.chunk(start, size), part);
        }
        return answer;
    }

    /** One upload request through the SDK (which signs it), its answer checked: an error answer is thrown, classified. */
    private Map<?, ?> send(String key, Object file, Map<String, Object> options) throws MediaStoreException {
        Map<?, ?> answer;
        try {
            if (settings.apiSecret().isPresent()) {
                answer = sdk.uploader().upload(file, options);
            } else {
                // Unsigned uploads may not send overwrite; whether they replace is the preset's setting.
                answer = sdk.uploader().unsignedUpload(file, settings.uploadPreset().orElseThrow(), options);
            }
        } catch (InterruptedIOException e) {
            recordUpload(false, 0);
            throw new MediaStoreException(new ProviderError.TimedOut(
                    "Cloudinary did not answer the upload of " + key + " within " + settings.timeout().toSeconds() + " s"), e);
        } catch (IOException e) {
            recordUpload(false, 0);
            throw new MediaStoreException(new ProviderError.Transient("Cloudinary could not be reached: " + e.getMessage()), e);
        } catch (RuntimeException e) {
            // Not an answer: the SDK refusing its own settings ("Must supply api_key") or failing in a way
            // we do not know. (An unreadable answer comes back as an error with its status, below.)
            recordUpload(false, 0);
            throw new MediaStoreException(new ProviderError.BadRequest("Cloudinary upload of " + key + " could not be made: " + e.getMessage()), e);
        }
        if (answer.get("error") instanceof Map<?, ?> error) {
            int status = error.get("http_code") instanceof Number code ? code.intValue() : 0;
            recordUpload(true, status);
            throw new MediaStoreException(CloudinaryErrors.classify(key, status, String.valueOf(error.get("message"))));
        }
        recordUpload(true, 200);
        return answer;
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

    /** Images and videos are shown from the delivery host (res.cloudinary.com or a custom CNAME). */
    @Override
    public java.util.List<String> browserOrigins() {
        return MediaStore.originOf(settings.deliveryBaseUrl()).stream().toList();
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

    /** What goes up: bytes already in memory, or a file read from disk. */
    private interface Body {
        long length();

        /** The whole body as the SDK's multipart takes it: the bytes, or the file (which it streams). */
        Object whole();

        /** {@code size} bytes from {@code start}: the only part of a large file held in memory. */
        byte[] chunk(long start, int size) throws IOException;

        /** Cloudinary's etag is the MD5 of the stored file. */
        String md5() throws IOException;
    }

    private record InMemory(byte[] bytes) implements Body {
        public long length() {
            return bytes.length;
        }

        public Object whole() {
            return bytes;
        }

        public byte[] chunk(long start, int size) {
            return Arrays.copyOfRange(bytes, (int) start, (int) start + size);
        }

        public String md5() {
            return HexFormat.of().formatHex(md5Digest().digest(bytes));
        }
    }

    private record OnDisk(Path file, long length) implements Body {
        public Object whole() {
            return file.toFile();
        }

        public byte[] chunk(long start, int size) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(size);
                while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                    // read until the chunk is full
                }
                if (buffer.hasRemaining()) {
                    throw new IOException(file + " became shorter while it was being uploaded");
                }
                return buffer.array();
            }
        }

        public String md5() throws IOException {
            MessageDigest md5 = md5Digest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md5.digest());
        }
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
