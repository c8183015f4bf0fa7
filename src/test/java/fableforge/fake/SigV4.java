package fableforge.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as a server recomputes it: canonical request, string to sign, signing key
 * (HMAC chain over date, region, service, {@code aws4_request}), signature. S3 flavour: the path is
 * used as sent (S3 does not normalize or double-encode it).
 */
final class SigV4 {

    private SigV4() {
    }

    record Scope(String accessKeyId, String date, String region, String service) {
        static Scope parse(String credential) {
            String[] parts = credential.split("/");
            if (parts.length != 5 || !parts[4].equals("aws4_request")) {
                throw new IllegalArgumentException("malformed credential scope '" + credential + "'");
            }
            return new Scope(parts[0], parts[1], parts[2], parts[3]);
        }

        String path() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    static String canonicalRequest(String method, String rawPath, List<Map.Entry<String, String>> query,
            List<String> signedHeaders, Map<String, List<String>> headers, String payloadHash) {
        String canonicalQuery = query.stream()
                .map(entry -> Map.entry(encode(entry.getKey()), encode(entry.getValue())))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&"));
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw new IllegalArgumentException("signed header '" + name + "' is not in the request");
            }
            canonicalHeaders.append(name).append(':')
                    .append(values.stream().map(value -> value.trim().replaceAll(" +", " ")).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return method + "\n" + rawPath + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    static String signature(String secret, Scope scope, String amzDate, String canonicalRequest) {
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope.path() + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    /** The query string's parameters, decoded. */
    static List<Map.Entry<String, String>> query(String rawQuery) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(decode(name), decode(value)));
        }
        return parameters;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX, space as %20. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
