package fableforge.media.s3;

import fableforge.media.MediaKey;
import fableforge.media.MediaStore;
import fableforge.media.MediaStoreException;
import fableforge.media.StoredMedia;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.http.ProviderHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Keeps media in an S3-compatible bucket (AWS, MinIO, R2, …) through AWS SDK v2.
 *
 * <p>URLs: with {@code S3_PUBLIC_BASE_URL} (a public bucket or a CDN in front of it) an object's URL
 * is {@code <base>/<key>}. Otherwise the bucket is private and a presigned link would expire while the
 * story is still on screen, so the URL kept is the app's own {@code /media/<key>} (under PUBLIC_BASE_URL when set), and that route
 * answers with a redirect to a link signed at that moment ({@link #redirect}).
 *
 * <p>Requests are plain PUTs and GETs: checksums only where an operation requires them and no
 * {@code aws-chunked} bodies (over plain http the SDK would otherwise sign the payload in chunks),
 * which every S3-compatible server understands. The SDK's standard retries (3 tries with backoff, longer after SlowDown) stay on:
 * repeating an upload is cheap, while a store failure would cost a newly generated image.
 */
public final class S3MediaStore implements MediaStore, Monitored, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final S3Settings settings;
    private final String bucket;
    private final S3Client client;
    private final S3Presigner presigner;
    private final Clock clock;
    /** What a key is appended to when the bucket is private and the app's own /media/ route serves it (MediaUrls). */
    private final String appMediaPrefix;
    private final AtomicReference<ProviderHttp.LastCall> lastCall = new AtomicReference<>(new ProviderHttp.LastCall(0, false, 0));

    public S3MediaStore(S3Settings settings, Clock clock) {
        this(settings, CALL_TIMEOUT, clock);
    }

    /** @param appMediaPrefix the URL of the app's own {@code /media/} route ({@code MediaUrls.prefix()}), for a private bucket */
    public S3MediaStore(S3Settings settings, Clock clock, String appMediaPrefix) {
        this(settings, CALL_TIMEOUT, clock, appMediaPrefix);
    }

    /** @param callTimeout the limit for one call including the SDK's retries */
    public S3MediaStore(S3Settings settings, Duration callTimeout, Clock clock) {
        this(settings, callTimeout, clock, fableforge.media.MediaUrls.ROOT.prefix());
    }

    private S3MediaStore(S3Settings settings, Duration callTimeout, Clock clock, String appMediaPrefix) {
        this.appMediaPrefix = appMediaPrefix;
        this.settings = settings;
        this.bucket = settings.bucket().orElseThrow(() -> new IllegalArgumentException("S3 needs S3_BUCKET"));
        this.clock = clock;
        Region region = Region.of(settings.region());
        AwsCredentialsProvider credentials = credentials(settings);
        S3Configuration addressing = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.pathStyle())
                .chunkedEncodingEnabled(false)
                .build();
        var clientBuilder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(addressing)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(callTimeout.compareTo(SOCKET_TIMEOUT) < 0 ? callTimeout : SOCKET_TIMEOUT))
                .overrideConfiguration(override -> override.apiCallTimeout(callTimeout).retryStrategy(RetryMode.STANDARD));
        var presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        settings.endpoint().ifPresent(endpoint -> {
            clientBuilder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        });
        this.client = clientBuilder.build();
        this.presigner = presignerBuilder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public StoredMedia put(String key, byte[] bytes, String contentType) throws IOException {
        return upload(key, RequestBody.fromBytes(bytes), bytes.length, contentType);
    }

    /** Streams the file from disk, so a video or its ZIP is never held in memory whole. */
    @Override
    public StoredMedia putFile(String key, java.nio.file.Path file, String contentType) throws IOException {
        return upload(key, RequestBody.fromFile(file), java.nio.file.Files.size(file), contentType);
    }

    private StoredMedia upload(String key, RequestBody body, long length, String contentType) throws IOException {
        MediaKey.requireValid(key);
        try {
            client.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), body);
            record(true, 200);
        } catch (SdkException e) {
            throw failure("upload of " + key, e);
        }
        String url = settings.publicBaseUrl().map(base -> base + "/" + key).orElse(appMediaPrefix + key);
        return new StoredMedia(key, url, length);
    }

    /**
     * Reads an object we expect to be there. Without {@code s3:ListBucket} S3 answers a missing key
     * with 403 AccessDenied instead of 404, so such a 403 is an error here (its message names the
     * bucket policy); callers that only want to know whether something is there ask {@link #exists}.
     */
    @Override
    public Optional<InputStream> open(String key) throws IOException {
        MediaKey.requireValid(key);
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(request -> request.bucket(bucket).key(key));
            record(true, 200);
            return Optional.of(in);
        } catch (NoSuchKeyException e) {
            record(true, 404);
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("download of " + key, e);
        }
    }

    /**
     * Asks with a HEAD. A 403 counts as absent: "If you don't have the s3:ListBucket permission,
     * Amazon S3 returns an HTTP status code 403 Forbidden error" for a key that does not exist
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html, and GetObject the same:
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html), and a HEAD's error has no
     * body to tell that apart from any other refusal. The policy we document grants s3:GetObject, so a
     * 403 here most likely means "not there"; if it was a real refusal, the read or write that follows
     * fails with S3's reason.
     */
    @Override
    public boolean exists(String key) throws IOException {
        MediaKey.requireValid(key);
        try {
            client.headObject(request -> request.bucket(bucket).key(key));
            record(true, 200);
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 403) {
                record(true, e.statusCode());
                if (e.statusCode() == 403) {
                    LOG.debug("S3 answered 403 to HEAD {} in bucket {}: taken as absent (a policy without s3:ListBucket answers 403 for missing keys)",
                            key, bucket);
                }
                return false;
            }
            throw failure("lookup of " + key, e);
        } catch (SdkException e) {
            throw failure("lookup of " + key, e);
        }
    }

    /** The object's length from a HEAD, without reading it. A 403 is an error here, as for {@link #open}. */
    @Override
    public Optional<Long> size(String key) throws IOException {
        MediaKey.requireValid(key);
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(bucket).key(key));
            record(true, 200);
            return Optional.of(head.contentLength());
        } catch (NoSuchKeyException e) {
            record(true, 404);
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                record(true, 404);
                return Optional.empty();
            }
            throw failure("lookup of " + key, e);
        } catch (SdkException e) {
            throw failure("lookup of " + key, e);
        }
    }

    /** A link to the object that works now: the public URL, or one presigned for {@code S3_PRESIGN_MINUTES}. */
    @Override
    public Optional<URI> redirect(String key) {
        MediaKey.requireValid(key);
        if (settings.publicBaseUrl().isPresent()) {
            return Optional.of(URI.create(settings.publicBaseUrl().get() + "/" + key));
        }
        var presigned = presigner.presignGetObject(request -> request
                .signatureDuration(settings.presignTtl())
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        return Optional.of(URI.create(presigned.url().toString()));
    }

    /**
     * Where {@link #redirect} sends browsers: the public base URL's origin, or the origin of a presigned
     * link (the endpoint, or the bucket's virtual host). Presigning is computed locally, no call is made.
     */
    @Override
    public java.util.List<String> browserOrigins() {
        return MediaStore.originOf(redirect("stories/origin-probe.png").orElse(null)).stream().toList();
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return lastCall.get();
    }

    @Override
    public void close() {
        client.close();
        presigner.close();
    }

    private MediaStoreException failure(String what, SdkException e) {
        if (e instanceof S3Exception answered) {
            record(true, answered.statusCode());
            return new MediaStoreException(S3Errors.classify(bucket, what, answered), e);
        }
        record(false, 0);
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new MediaStoreException(new ProviderError.TimedOut("S3 " + what + " timed out: " + e.getMessage()), e);
        }
        return new MediaStoreException(new ProviderError.Transient("S3 " + what + " failed, the endpoint could not be reached: " + e.getMessage()), e);
    }

    private void record(boolean answered, int status) {
        lastCall.set(new ProviderHttp.LastCall(clock.instant().toEpochMilli(), answered, status));
    }
}
