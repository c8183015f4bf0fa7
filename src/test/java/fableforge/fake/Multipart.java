package fableforge.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body the way a provider's server would, strictly: the body starts
 * with its boundary and ends with the closing one, CRLF line ends, and every part is {@code form-data}
 * with a name. The one parser of the fake servers.
 */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    /** One form field: its name, the file name when it is a file, its own Content-Type if it has one, and its bytes. */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The same part with other bytes (a chunked upload put back together). */
        Part withBody(byte[] whole) {
            return new Part(name, filename, contentType, whole);
        }
    }

    private Multipart() {
    }

    /** The parts, or an {@link IllegalArgumentException} saying what is malformed. */
    public static List<Part> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("expected multipart/form-data, got " + contentType);
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new IllegalArgumentException("multipart body without a boundary");
        }
        // ISO-8859-1 maps each byte to one char, so string positions are byte positions.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        if (!text.startsWith(delimiter + "\r\n")) {
            throw new IllegalArgumentException("multipart body does not start with its boundary");
        }
        if (!text.endsWith(delimiter + "--\r\n") && !text.endsWith(delimiter + "--")) {
            throw new IllegalArgumentException("multipart body without its closing boundary");
        }
        List<Part> parts = new ArrayList<>();
        int at = delimiter.length() + 2;
        while (true) {
            int next = text.indexOf("\r\n" + delimiter, at);
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (next < 0 || headersEnd < 0 || headersEnd > next) {
                throw new IllegalArgumentException("malformed multipart part");
            }
            parts.add(part(headers(text.substring(at, headersEnd)), Arrays.copyOfRange(body, headersEnd + 4, next)));
            int after = next + 2 + delimiter.length();
            if (text.startsWith("--", after)) {
                return parts;
            }
            at = after + 2;
        }
    }

    /** The text of the first field named {@code name}, or null when the body has none. */
    public static String field(String contentType, byte[] body, String name) {
        return parse(contentType, body).stream().filter(part -> part.name().equals(name)).findFirst().map(Part::text).orElse(null);
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static Part part(Map<String, String> headers, byte[] body) {
        String disposition = headers.getOrDefault("content-disposition", "");
        if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("part without Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
            throw new IllegalArgumentException("part without a name");
        }
        Matcher filename = FILENAME.matcher(disposition);
        return new Part(name.group(1), filename.find() ? Optional.of(filename.group(1)) : Optional.empty(),
                Optional.ofNullable(headers.get("content-type")), body);
    }
}
