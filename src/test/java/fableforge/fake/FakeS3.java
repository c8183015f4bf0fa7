package fableforge.fake;

import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3-compatible object store on loopback, path-style ({@code /<bucket>/<key>}): PUT, GET and HEAD
 * of objects, S3's XML errors ({@code NoSuchKey}, {@code NoSuchBucket}, {@code SignatureDoesNotMatch}, …).
 * Every request must be signed with SigV4, in the {@code Authorization} header or as a presigned
 * query string, and the fake recomputes the signature with the secret it knows: a request signed with
 * the wrong secret, for another region, with a payload that does not match its declared hash, too far
 * from the fake's clock, or presigned and expired, is refused as S3 refuses it. Buckets marked public
 * may also be read without a signature. {@link #withoutListBucket()} answers as a bucket policy without
 * {@code s3:ListBucket} does: a missing key is 403 AccessDenied on GET and HEAD, not 404. Failure modes (500, 503 SlowDown, slow answers) are scripted
 * on {@link #server()} for {@link #OBJECT_PATH}.
 */
public final class FakeS3 implements AutoCloseable {

    public static final String OBJECT_PATH = "/[^/]+/.+";
    private static final Pattern OBJECT = Pattern.compile("/([^/]+)/(.+)");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);

    private final FakeServer server = new FakeServer();
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final Clock clock;
    private final Map<String, Map<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Set<String> publicBuckets = ConcurrentHashMap.newKeySet();
    private volatile boolean listBucketAllowed = true;

    /** An object as stored: its bytes and the content type it was put with. */
    public record StoredObject(byte[] bytes, String contentType) {
    }

    public FakeS3(String accessKeyId, String secretAccessKey, String region, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.clock = clock;
        server.on("PUT", OBJECT_PATH, this::put);
        server.on("GET", OBJECT_PATH, request -> get(request, true));
        server.on("HEAD", OBJECT_PATH, request -> get(request, false));
    }

    public FakeS3 withBucket(String name) {
        buckets.putIfAbsent(name, new ConcurrentHashMap<>());
        return this;
    }

    /** Objects in this bucket can also be read without a signature, as through a public bucket policy. */
    public FakeS3 withPublicBucket(String name) {
        publicBuckets.add(name);
        return withBucket(name);
    }

    /**
     * The credentials' policy lacks {@code s3:ListBucket}: "If you don't have the s3:ListBucket
     * permission, Amazon S3 returns an HTTP status code 403 Forbidden error" for a key that does not
     * exist (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html), GET with S3's
     * AccessDenied XML and HEAD with no body.
     */
    public FakeS3 withoutListBucket() {
        listBucketAllowed = false;
        return this;
    }

    /** The endpoint, for S3_ENDPOINT. */
    public String url() {
        return server.url();
    }

    public FakeServer server() {
        return server;
    }

    public Optional<StoredObject> object(String bucket, String key) {
        return Optional.ofNullable(buckets.getOrDefault(bucket, Map.of()).get(key));
    }

    /** An S3 error answer, for scripting failures. */
    public static Reply error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>";
        return Reply.bytes(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }

    private Reply put(Recorded request) {
        Optional<Reply> refused = authenticate(request, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        Matcher path = OBJECT.matcher(request.path());
        path.matches();
        Map<String, StoredObject> bucket = buckets.get(path.group(1));
        if (bucket == null) {
            return error(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        if (request.header("content-encoding") != null && request.header("content-encoding").contains("aws-chunked")) {
            return error(501, "NotImplemented", "this fake does not accept aws-chunked bodies; send a plain PUT");
        }
        String contentType = Optional.ofNullable(request.header("content-type")).orElse("binary/octet-stream");
        bucket.put(path.group(2), new StoredObject(request.body(), contentType));
        return new Reply(200, Map.of("ETag", "\"" + md5(request.body()) + "\""), new byte[0], Duration.ZERO);
    }

    private Reply get(Recorded request, boolean withBody) {
        Matcher path = OBJECT.matcher(request.path());
        path.matches();
        boolean anonymous = request.header("authorization") == null
                && !Optional.ofNullable(request.uri().getRawQuery()).orElse("").contains("X-Amz-Signature=");
        if (!(anonymous && publicBuckets.contains(path.group(1)))) {
            Optional<Reply> refused = authenticate(request, true);
            if (refused.isPresent()) {
                return withBody ? refused.get() : new Reply(refused.get().status(), Map.of(), new byte[0], Duration.ZERO);
            }
        }
        Map<String, StoredObject> bucket = buckets.get(path.group(1));
        StoredObject object = bucket == null ? null : bucket.get(path.group(2));
        if (object == null) {
            Reply missing = bucket == null ? error(404, "NoSuchBucket", "The specified bucket does not exist")
                    : listBucketAllowed ? error(404, "NoSuchKey", "The specified key does not exist.")
                    : error(403, "AccessDenied", "Access Denied");
            // A HEAD's error has no body (S3 cannot put its XML there).
            return withBody ? missing : new Reply(missing.status(), Map.of(), new byte[0], Duration.ZERO);
        }
        Map<String, String> headers = withBody
                ? Map.of("Content-Type", object.contentType(), "ETag", "\"" + md5(object.bytes()) + "\"")
                // A HEAD tells the object's length without sending it.
                : Map.of("Content-Type", object.contentType(), "ETag", "\"" + md5(object.bytes()) + "\"",
                        "Content-Length", Integer.toString(object.bytes().length));
        return new Reply(200, headers, withBody ? object.bytes() : new byte[0], Duration.ZERO);
    }

    private Optional<Reply> authenticate(Recorded request, boolean presignAllowed) {
        String rawQuery = request.uri().getRawQuery();
        List<Map.Entry<String, String>> query = SigV4.query(rawQuery);
        Map<String, String> queryValues = new HashMap<>();
        query.forEach(entry -> queryValues.put(entry.getKey(), entry.getValue()));
        if (request.header("authorization") != null) {
            return checkHeaderSignature(request, query);
        }
        if (presignAllowed && queryValues.containsKey("X-Amz-Signature")) {
            return checkPresigned(request, query, queryValues);
        }
        return Optional.of(error(403, "AccessDenied", "Access Denied"));
    }

    private Optional<Reply> checkHeaderSignature(Recorded request, List<Map.Entry<String, String>> query) {
        Matcher authorization = AUTHORIZATION.matcher(request.header("authorization"));
        if (!authorization.matches()) {
            return Optional.of(error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed"));
        }
        String amzDate = request.header("x-amz-date");
        String payloadHash = request.header("x-amz-content-sha256");
        if (amzDate == null || payloadHash == null) {
            return Optional.of(error(400, "InvalidRequest", "Missing required header for this request: "
                    + (amzDate == null ? "x-amz-date" : "x-amz-content-sha256")));
        }
        if (payloadHash.startsWith("STREAMING-")) {
            return Optional.of(error(501, "NotImplemented", "this fake does not accept aws-chunked (" + payloadHash + ") bodies"));
        }
        if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !payloadHash.equals(SigV4.sha256Hex(request.body()))) {
            return Optional.of(error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed."));
        }
        List<String> signedHeaders = Arrays.asList(authorization.group(2).split(";"));
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return Optional.of(error(400, "AuthorizationHeaderMalformed", "host and x-amz-date must be signed"));
        }
        return verify(request, query, authorization.group(1), amzDate, signedHeaders, payloadHash, authorization.group(3), Optional.empty());
    }

    private Optional<Reply> checkPresigned(Recorded request, List<Map.Entry<String, String>> query, Map<String, String> values) {
        for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders")) {
            if (!values.containsKey(required)) {
                return Optional.of(error(400, "AuthorizationQueryParametersError", "Query-string authentication requires " + required));
            }
        }
        if (!values.get("X-Amz-Algorithm").equals("AWS4-HMAC-SHA256")) {
            return Optional.of(error(400, "AuthorizationQueryParametersError", "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\""));
        }
        long expires;
        try {
            expires = Long.parseLong(values.get("X-Amz-Expires"));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 1 || expires > Duration.ofDays(7).toSeconds()) {
            return Optional.of(error(400, "AuthorizationQueryParametersError", "X-Amz-Expires must be between 1 and 604800 seconds"));
        }
        List<Map.Entry<String, String>> signedQuery = query.stream().filter(entry -> !entry.getKey().equals("X-Amz-Signature")).toList();
        return verify(request, signedQuery, values.get("X-Amz-Credential"), values.get("X-Amz-Date"),
                Arrays.asList(values.get("X-Amz-SignedHeaders").split(";")), "UNSIGNED-PAYLOAD", values.get("X-Amz-Signature"),
                Optional.of(Duration.ofSeconds(expires)));
    }

    private Optional<Reply> verify(Recorded request, List<Map.Entry<String, String>> query, String credential, String amzDate,
            List<String> signedHeaders, String payloadHash, String signature, Optional<Duration> presignedFor) {
        SigV4.Scope scope;
        Instant signedAt;
        try {
            scope = SigV4.Scope.parse(credential);
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.of(error(400, "AuthorizationHeaderMalformed", e.getMessage()));
        }
        if (!scope.accessKeyId().equals(accessKeyId)) {
            return Optional.of(error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."));
        }
        if (!scope.region().equals(region) || !scope.service().equals("s3") || !amzDate.startsWith(scope.date())) {
            return Optional.of(error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region '"
                    + scope.region() + "' is wrong; expecting '" + region + "'"));
        }
        Instant now = clock.instant();
        if (presignedFor.isPresent() && now.isAfter(signedAt.plus(presignedFor.get()))) {
            return Optional.of(error(403, "AccessDenied", "Request has expired"));
        }
        if (presignedFor.isEmpty() && Duration.between(signedAt, now).abs().compareTo(ALLOWED_SKEW) > 0) {
            return Optional.of(error(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."));
        }
        String canonical;
        try {
            canonical = SigV4.canonicalRequest(request.method(), request.uri().getRawPath(), query, signedHeaders, request.headers(), payloadHash);
        } catch (IllegalArgumentException e) {
            return Optional.of(error(403, "SignatureDoesNotMatch", e.getMessage()));
        }
        if (!SigV4.signature(secretAccessKey, scope, amzDate, canonical).equals(signature)) {
            return Optional.of(error(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method."));
        }
        return Optional.empty();
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
