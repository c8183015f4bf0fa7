package fableforge.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudinary's upload API and delivery on loopback (provider-contracts.md, "Cloudinary — upload").
 * It reads the multipart form, recomputes a signed upload's signature with the secret (SHA-1 of the
 * sorted {@code k=v} pairs joined by {@code &} plus the secret; {@code file}, {@code api_key},
 * {@code resource_type}, {@code cloud_name} and {@code signature} excluded), rejects timestamps more
 * than an hour off (Cloudinary's "Stale request"), checks an unsigned upload's preset and the
 * parameters unsigned uploads may not send, and checks that an image upload really is an image.
 * Stored assets are served at {@code <url>/res/<cloud>/<type>/upload/[v<version>/]<public id>[.<format>]},
 * the fake's delivery base. Failure modes are scripted on {@link #server()} for {@link #UPLOAD_PATH}.
 *
 * <p>Chunked uploads (what the SDKs' {@code upload_large} sends) are taken as Cloudinary's guidelines
 * describe them (https://support.cloudinary.com/hc/en-us/articles/208263735): every part carries the same
 * {@code X-Unique-Upload-Id} and a {@code Content-Range: bytes start-end/total}; parts arrive in order,
 * each but the last at least 5 MB; only the last part's answer is the upload's answer. A non-chunked
 * upload larger than {@link #withUploadLimit} is refused with Cloudinary's "File size too large".
 */
public final class FakeCloudinary implements AutoCloseable {

    public static final String UPLOAD_PATH = "/v1_1/[^/]+/(image|video|raw)/upload";
    private static final Pattern UPLOAD = Pattern.compile("/v1_1/([^/]+)/(image|video|raw)/upload");
    private static final Pattern DELIVERY = Pattern.compile("/res/([^/]+)/(image|video|raw)/upload/(?:v\\d+/)?(.+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    /** Cloudinary: "Each chunk must be larger than 5mb except the last one". */
    public static final int MIN_CHUNK_BYTES = 5 * 1024 * 1024;
    // Cloudinary's list of what an unsigned upload may send (its "unsupported parameter" error message).
    private static final Set<String> UNSIGNED_ALLOWED = Set.of("upload_preset", "file", "callback", "public_id", "folder",
            "asset_folder", "tags", "context", "metadata", "face_coordinates", "custom_coordinates", "source",
            "filename_override", "manifest_transformation", "manifest_json", "template", "template_vars", "regions",
            "public_id_prefix");

    private final FakeServer server = new FakeServer();
    private final String cloudName;
    private final String apiKey;
    private final CloudinarySignature signature;
    private final Map<String, Boolean> unsignedPresets = new ConcurrentHashMap<>();
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong(1_700_000_000);
    /** Chunked uploads in progress, by X-Unique-Upload-Id: the total announced and the bytes so far. */
    private final Map<String, Partial> partials = new ConcurrentHashMap<>();
    private volatile long uploadLimit = Long.MAX_VALUE;

    private record Partial(long total, java.io.ByteArrayOutputStream received) {
    }

    /** A stored asset: its bytes, format ("" for raw) and the version of its last upload. */
    public record Asset(byte[] bytes, String format, long version) {
    }

    public FakeCloudinary(String cloudName, String apiKey, String apiSecret, Clock clock) {
        this.cloudName = cloudName;
        this.apiKey = apiKey;
        this.signature = new CloudinarySignature(apiKey, apiSecret, clock);
        server.on("POST", UPLOAD_PATH, this::upload);
        server.on("GET", "/res/.+", this::deliver);
    }

    /** Adds an unsigned upload preset; {@code overwrite} is that preset's "Overwrite" setting. */
    public FakeCloudinary withUnsignedPreset(String name, boolean overwrite) {
        unsignedPresets.put(name, overwrite);
        return this;
    }

    /**
     * The largest file one non-chunked upload may carry (Cloudinary's plan file-size limit, or its
     * 100 MB per request); above it the upload is refused with Cloudinary's 400 "File size too large.
     * Got N. Maximum is M.". Chunked uploads get past it, as {@code upload_large} does.
     */
    public FakeCloudinary withUploadLimit(long bytes) {
        uploadLimit = bytes;
        return this;
    }

    /** Chunked uploads that were started and not finished. */
    public int unfinishedChunkedUploads() {
        return partials.size();
    }

    /** The API base, for CLOUDINARY_API_BASE_URL. */
    public String apiBaseUrl() {
        return server.url();
    }

    /** The delivery base, for CLOUDINARY_DELIVERY_BASE_URL. */
    public String deliveryBaseUrl() {
        return server.url() + "/res";
    }

    public FakeServer server() {
        return server;
    }

    public Optional<Asset> asset(String resourceType, String publicId) {
        return Optional.ofNullable(assets.get(resourceType + "/" + publicId));
    }

    public int assetCount() {
        return assets.size();
    }

    @Override
    public void close() {
        server.close();
    }

    private Reply upload(Recorded request) {
        Matcher path = UPLOAD.matcher(request.path());
        path.matches();
        if (!path.group(1).equals(cloudName)) {
            return error(401, "Invalid cloud_name " + path.group(1));
        }
        String resourceType = path.group(2);
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(request.header("content-type"), request.body());
        } catch (IllegalArgumentException e) {
            return error(400, "Invalid request: " + e.getMessage());
        }
        Map<String, String> params = new TreeMap<>();
        Optional<Multipart.Part> file = Optional.empty();
        for (Multipart.Part part : parts) {
            if (part.name().equals("file")) {
                file = Optional.of(part);
            } else if (params.put(part.name(), part.text()) != null) {
                return error(400, "Parameter " + part.name() + " sent twice");
            }
        }
        if (file.isEmpty() || file.get().body().length == 0) {
            return error(400, "Missing required parameter - file");
        }
        boolean overwrite;
        if (params.containsKey("signature")) {
            Optional<Reply> refused = signature.check(params).map(refusal -> error(refusal.status(), refusal.message()));
            if (refused.isPresent()) {
                return refused.get();
            }
            overwrite = !"false".equals(params.get("overwrite"));
        } else if (params.containsKey("upload_preset")) {
            Boolean presetOverwrites = unsignedPresets.get(params.get("upload_preset"));
            if (presetOverwrites == null) {
                return error(400, "Upload preset not found or not whitelisted for unsigned uploads: " + params.get("upload_preset"));
            }
            Optional<String> refusedParameter = params.keySet().stream().filter(name -> !UNSIGNED_ALLOWED.contains(name)).findFirst();
            if (refusedParameter.isPresent()) {
                return error(400, refusedParameter.get() + " parameter is not allowed when using unsigned upload. Only "
                        + String.join(",", new TreeSet<>(UNSIGNED_ALLOWED)) + " upload parameters are allowed.");
            }
            overwrite = presetOverwrites;
        } else {
            return error(400, "Upload preset must be specified when using unsigned upload");
        }
        if (request.header("x-unique-upload-id") != null || request.header("content-range") != null) {
            return chunk(request, resourceType, params, file.get(), overwrite);
        }
        if (file.get().body().length > uploadLimit) {
            return error(400, "File size too large. Got " + file.get().body().length + ". Maximum is " + uploadLimit + ".");
        }
        return store(resourceType, params, file.get(), overwrite);
    }

    /** One part of a chunked upload: kept until the last part, which stores the whole file and answers for it. */
    private synchronized Reply chunk(Recorded request, String resourceType, Map<String, String> params, Multipart.Part part, boolean overwrite) {
        String uploadId = request.header("x-unique-upload-id");
        String rangeHeader = request.header("content-range");
        if (uploadId == null || uploadId.isBlank() || rangeHeader == null) {
            return error(400, "Chunked upload needs both X-Unique-Upload-Id and Content-Range headers");
        }
        Matcher range = CONTENT_RANGE.matcher(rangeHeader);
        if (!range.matches()) {
            return error(400, "Invalid Content-Range header: " + rangeHeader);
        }
        long start = Long.parseLong(range.group(1));
        long end = Long.parseLong(range.group(2));
        long total = Long.parseLong(range.group(3));
        byte[] bytes = part.body();
        if (end < start || end >= total || end - start + 1 != bytes.length) {
            return error(400, "Content-Range " + rangeHeader + " does not match the " + bytes.length + " bytes sent");
        }
        Partial partial = start == 0 ? new Partial(total, new java.io.ByteArrayOutputStream()) : partials.get(uploadId);
        if (partial == null || partial.total() != total || partial.received().size() != start) {
            return error(400, "Chunk " + rangeHeader + " does not follow the chunks received for upload " + uploadId
                    + (partial == null ? " (none)" : " (" + partial.received().size() + " of " + partial.total() + " bytes)"));
        }
        boolean last = end + 1 == total;
        if (!last && bytes.length < MIN_CHUNK_BYTES) {
            return error(400, "Chunk size of " + bytes.length + " bytes is too small; every chunk but the last must be at least 5 MB");
        }
        partial.received().writeBytes(bytes);
        if (!last) {
            partials.put(uploadId, partial);
            return Reply.json(200, JSON.createObjectNode().put("done", false).put("bytes", partial.received().size()).toString());
        }
        partials.remove(uploadId);
        return store(resourceType, params, part.withBody(partial.received().toByteArray()), overwrite);
    }

    private Reply store(String resourceType, Map<String, String> params, Multipart.Part file, boolean overwrite) {
        String filename = file.filename().orElse("file");
        String format = switch (resourceType) {
            case "image" -> imageFormat(file.body());
            case "video" -> filename.contains(".") ? filename.substring(filename.lastIndexOf('.') + 1) : "";
            default -> "";
        };
        if (resourceType.equals("image") && format.isEmpty()) {
            return error(400, "Invalid image file");
        }
        String publicId = params.getOrDefault("public_id", UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        if (params.containsKey("folder")) {
            publicId = params.get("folder") + "/" + publicId;
        }
        String id = resourceType + "/" + publicId;
        Asset existing = assets.get(id);
        boolean kept = existing != null && !overwrite;
        Asset asset = kept ? existing : new Asset(file.body(), format, versions.incrementAndGet());
        assets.put(id, asset);
        return Reply.json(200, answer(resourceType, publicId, asset, filename, kept, params.containsKey("signature")).toString());
    }

    private ObjectNode answer(String resourceType, String publicId, Asset asset, String filename, boolean existing, boolean signed) {
        String file = publicId + (asset.format().isEmpty() ? "" : "." + asset.format());
        String path = "/res/" + cloudName + "/" + resourceType + "/upload/v" + asset.version() + "/" + file;
        ObjectNode answer = JSON.createObjectNode()
                .put("asset_id", hex("MD5", (resourceType + publicId).getBytes(StandardCharsets.UTF_8)))
                .put("public_id", publicId)
                .put("version", asset.version())
                .put("version_id", hex("MD5", Long.toString(asset.version()).getBytes(StandardCharsets.UTF_8)))
                .put("signature", hex("SHA-1", asset.bytes()))
                .put("resource_type", resourceType)
                .put("created_at", Instant.ofEpochSecond(asset.version()).toString())
                .put("bytes", asset.bytes().length)
                .put("type", "upload")
                .put("etag", hex("MD5", asset.bytes()))
                .put("placeholder", false)
                .put("url", server.url() + path)
                .put("secure_url", server.url() + path)
                .put("original_filename", filename.contains(".") ? filename.substring(0, filename.lastIndexOf('.')) : filename);
        if (!asset.format().isEmpty()) {
            answer.put("format", asset.format());
        }
        if (asset.format().equals("png")) {
            ByteBuffer header = ByteBuffer.wrap(asset.bytes(), 16, 8);
            answer.put("width", header.getInt()).put("height", header.getInt());
        }
        if (existing) {
            answer.put("existing", true);
        }
        if (signed) {
            answer.put("api_key", apiKey);
        }
        return answer;
    }

    private Reply deliver(Recorded request) {
        Matcher path = DELIVERY.matcher(request.path());
        if (!path.matches() || !path.group(1).equals(cloudName)) {
            return new Reply(404, Map.of("x-cld-error", "Resource not found"), new byte[0], Duration.ZERO);
        }
        String resourceType = path.group(2);
        String file = path.group(3);
        String publicId = resourceType.equals("raw") || !file.contains(".") ? file : file.substring(0, file.lastIndexOf('.'));
        Asset asset = assets.get(resourceType + "/" + publicId);
        if (asset == null) {
            return new Reply(404, Map.of("x-cld-error", "Resource not found - " + publicId), new byte[0], Duration.ZERO);
        }
        String contentType = switch (resourceType) {
            case "image" -> "image/" + (asset.format().equals("jpg") ? "jpeg" : asset.format());
            case "video" -> "video/" + asset.format();
            default -> "application/octet-stream";
        };
        return Reply.bytes(200, contentType, asset.bytes());
    }

    /** Cloudinary detects an image's format from its content, and refuses what is not an image. */
    private static String imageFormat(byte[] bytes) {
        if (bytes.length > 24 && bytes[0] == (byte) 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "png";
        }
        if (bytes.length > 3 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xD8 && bytes[2] == (byte) 0xFF) {
            return "jpg";
        }
        if (bytes.length > 12 && new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return "webp";
        }
        return "";
    }

    private static Reply error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message);
        return Reply.json(status, body.toString());
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
