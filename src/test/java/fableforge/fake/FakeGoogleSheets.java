package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth token endpoint and the Sheets {@code values:append} call on loopback, as
 * provider-contracts.md describes them. It holds the key pair of a test service account and checks
 * what a client sends: the JWT assertion's RS256 signature and claims, the Bearer token, the sheet id,
 * the range, the query parameters and the {@code values} body. Wrong requests get Google's error
 * answers; accepted rows are kept in order. An outage (403, 429, 500) or slow answers can be switched on.
 */
public final class FakeGoogleSheets implements AutoCloseable {

    public static final String CLIENT_EMAIL = "fableforge-tracker@fableforge-test.iam.gserviceaccount.com";
    public static final String SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
    /**
     * The audience Google requires in the JWT: its own token URL, wherever the request is sent. The
     * auth library signs exactly this even when its token server URI points elsewhere (ours: a fake;
     * see OAuth2Utils.TOKEN_SERVER_URI in ServiceAccountCredentials.createAssertion, 1.57.0).
     */
    public static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
    private static final String KEY_ID = "3f1c0a9e7d2b4c6e8a0b1c2d3e4f5a6b7c8d9e0f";
    private static final String APPEND_PATH = "/v4/spreadsheets/([^/]+)/values/(.+):append";

    /** What an append answers with while the fake is failing. */
    public enum Failure {
        PERMISSION_DENIED(403, "The caller does not have permission"),
        RESOURCE_EXHAUSTED(429, "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user'"),
        INTERNAL(500, "Internal error encountered.");

        final int status;
        final String message;

        Failure(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private final FakeServer server = new FakeServer();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String sheetId;
    private final String range;
    private final KeyPair keys;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCount = new AtomicInteger();
    private final List<List<JsonNode>> rows = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private volatile Failure failure;
    private volatile Duration delay = Duration.ZERO;

    public FakeGoogleSheets(String sheetId, String range) {
        this.sheetId = sheetId;
        this.range = range;
        this.keys = newKeyPair();
        server.on("POST", "/token", this::token);
        server.on("POST", APPEND_PATH, this::append);
    }

    public String tokenUrl() {
        return server.url() + "/token";
    }

    /** The Sheets root URL (with the trailing slash the generated client expects). */
    public String rootUrl() {
        return server.url() + "/";
    }

    /** Writes the test service account's key file, as Google's console would hand it out. */
    public Path writeServiceAccount(Path file) {
        return writeServiceAccount(file, keys);
    }

    /** A key file for the same account but another private key: its JWTs must be refused. */
    public Path writeServiceAccountWithWrongKey(Path file) {
        return writeServiceAccount(file, newKeyPair());
    }

    private Path writeServiceAccount(Path file, KeyPair pair) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = mapper.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "fableforge-test")
                .put("private_key_id", KEY_ID)
                .put("private_key", pem)
                .put("client_email", CLIENT_EMAIL)
                .put("client_id", "109876543210987654321")
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", "https://oauth2.googleapis.com/token")
                .put("universe_domain", "googleapis.com");
        try {
            Files.writeString(file, json.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Every append answers with this error until {@link #recover()}. */
    public void failWith(Failure failure) {
        this.failure = failure;
    }

    /** The next {@code count} appends answer with this error, then it works again. */
    public void failNext(int count, Failure failure) {
        Reply[] replies = new Reply[count];
        java.util.Arrays.fill(replies, error(failure));
        server.script("POST", APPEND_PATH, replies);
    }

    public void recover() {
        this.failure = null;
    }

    /** Every answer (token and append) comes after this wait. */
    public void slow(Duration wait) {
        this.delay = wait;
    }

    /** The rows the sheet holds, in the order they were appended. */
    public List<List<JsonNode>> rows() {
        return List.copyOf(rows);
    }

    public int tokensIssued() {
        return tokenCount.get();
    }

    /** Why requests were refused (bad JWT, bad token, wrong request shape), newest last. */
    public List<String> rejections() {
        return List.copyOf(rejections);
    }

    public List<Recorded> appendRequests() {
        return server.requests("POST", APPEND_PATH);
    }

    private Reply token(Recorded request) {
        Map<String, String> form = form(request.bodyText());
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return refuseToken("unsupported_grant_type", "grant_type must be urn:ietf:params:oauth:grant-type:jwt-bearer");
        }
        String problem = checkAssertion(form.getOrDefault("assertion", ""));
        if (problem != null) {
            return refuseToken("invalid_grant", problem);
        }
        String token = "ya29.fake-" + tokenCount.incrementAndGet();
        tokens.add(token);
        return Reply.json(200, mapper.createObjectNode().put("access_token", token).put("expires_in", 3599)
                .put("token_type", "Bearer").toString()).after(delay);
    }

    /** Null when the JWT is one Google would accept for this account, else what is wrong with it. */
    private String checkAssertion(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "assertion is not a signed JWT";
        }
        try {
            JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "alg must be RS256, got " + header.path("alg");
            }
            if (!verifies(keys.getPublic(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
            long now = Instant.now().getEpochSecond();
            long iat = claims.path("iat").asLong();
            long exp = claims.path("exp").asLong();
            if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
                return "iss must be the client_email, got " + claims.path("iss");
            }
            if (!List.of(claims.path("scope").asText().split(" ")).contains(SPREADSHEETS_SCOPE)) {
                return "scope must include " + SPREADSHEETS_SCOPE + ", got " + claims.path("scope");
            }
            if (!GOOGLE_TOKEN_AUDIENCE.equals(claims.path("aud").asText())) {
                return "aud must be the token URL " + GOOGLE_TOKEN_AUDIENCE + ", got " + claims.path("aud");
            }
            if (Math.abs(iat - now) > 300 || exp <= now || exp - iat > 3600) {
                return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe (iat "
                        + iat + ", exp " + exp + ", now " + now + ")";
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return "assertion is not readable: " + e.getMessage();
        }
    }

    private Reply refuseToken(String error, String description) {
        rejections.add("token: " + description);
        return Reply.json(400, mapper.createObjectNode().put("error", error).put("error_description", description).toString());
    }

    private Reply append(Recorded request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !tokens.contains(authorization.substring(7))) {
            return refuse(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token");
        }
        java.util.regex.Matcher path = java.util.regex.Pattern.compile(APPEND_PATH).matcher(request.path());
        if (!path.matches() || !sheetId.equals(path.group(1))) {
            return refuse(404, "NOT_FOUND", "Requested entity was not found.");
        }
        if (!range.equals(path.group(2))) {
            return refuse(400, "INVALID_ARGUMENT", "Unable to parse range: " + path.group(2));
        }
        Map<String, String> query = form(request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery());
        if (!"RAW".equals(query.get("valueInputOption")) || !"INSERT_ROWS".equals(query.get("insertDataOption"))) {
            return refuse(400, "INVALID_ARGUMENT", "valueInputOption=RAW and insertDataOption=INSERT_ROWS expected, got " + query);
        }
        List<List<JsonNode>> appended = new ArrayList<>();
        try {
            JsonNode values = mapper.readTree(body(request)).get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                return refuse(400, "INVALID_ARGUMENT", "Invalid values: expected a non-empty list of rows");
            }
            for (JsonNode row : values) {
                if (!row.isArray() || row.isEmpty()) {
                    return refuse(400, "INVALID_ARGUMENT", "Invalid values: every row must be a non-empty list");
                }
                List<JsonNode> cells = new ArrayList<>();
                for (JsonNode cell : row) {
                    if (!cell.isValueNode()) {
                        return refuse(400, "INVALID_ARGUMENT", "Invalid values: a cell must be a string, number or boolean");
                    }
                    cells.add(cell);
                }
                appended.add(cells);
            }
        } catch (IOException e) {
            return refuse(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        Failure failing = failure;
        if (failing != null) {
            return error(failing);
        }
        return store(appended).after(delay);
    }

    /** The JSON body; Google's HTTP client gzips request bodies (Content-Encoding: gzip), as Google accepts. */
    public static byte[] body(Recorded request) throws IOException {
        if (!"gzip".equalsIgnoreCase(request.header("Content-Encoding"))) {
            return request.body();
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(request.body()))) {
            return in.readAllBytes();
        }
    }

    private synchronized Reply store(List<List<JsonNode>> appended) {
        int first = rows.size() + 1;
        rows.addAll(appended);
        int columns = appended.stream().mapToInt(List::size).max().orElse(0);
        int cells = appended.stream().mapToInt(List::size).sum();
        String tab = range.contains("!") ? range.substring(0, range.indexOf('!')) : range;
        String lastColumn = String.valueOf((char) ('A' + columns - 1));
        ObjectNode answer = mapper.createObjectNode().put("spreadsheetId", sheetId)
                .put("tableRange", tab + "!A1:" + lastColumn + Math.max(1, first - 1));
        answer.putObject("updates").put("spreadsheetId", sheetId)
                .put("updatedRange", tab + "!A" + first + ":" + lastColumn + (first + appended.size() - 1))
                .put("updatedRows", appended.size()).put("updatedColumns", columns).put("updatedCells", cells);
        return Reply.json(200, answer.toString());
    }

    private Reply error(Failure failure) {
        Reply reply = Reply.json(failure.status, errorJson(failure.status, failure.name(), failure.message)).after(delay);
        return failure == Failure.RESOURCE_EXHAUSTED ? reply.withHeader("Retry-After", "1") : reply;
    }

    private Reply refuse(int status, String name, String message) {
        rejections.add("append: " + status + " " + message);
        return Reply.json(status, errorJson(status, name, message));
    }

    private String errorJson(int status, String name, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("code", status).put("message", message).put("status", name);
        return body.toString();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
