package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.Multipart.Part;
import fableforge.fake.contract.OpenAiContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@link FakeOpenAiImages} reads a generation (JSON) or an edit (multipart) and checks it the way
 * the real API does: the fields each endpoint takes, the model's sizes and qualities, the prompt's
 * length, the edit's {@code image[]} parts, and the official spec's objections.
 */
final class OpenAiImageRequests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIXED_SIZES = List.of("1024x1024", "1536x1024", "1024x1536", "auto");
    private static final List<String> QUALITIES = List.of("low", "medium", "high", "auto");
    private static final int PROMPT_LIMIT = 32_000;
    private static final Set<String> GENERATION_FIELDS = Set.of("model", "prompt", "n", "size", "quality", "style",
            "response_format", "user", "output_format", "output_compression", "background", "moderation");
    private static final Set<String> EDIT_FIELDS = Set.of("model", "prompt", "n", "size", "quality", "input_fidelity",
            "user", "output_format", "output_compression", "background", "moderation");

    private OpenAiImageRequests() {
    }

    static Parsed generation(Recorded request) {
        String contentType = Optional.ofNullable(request.header("content-type")).orElse("");
        if (!contentType.startsWith("application/json")) {
            return Parsed.problem("generations take application/json, got '" + contentType + "'");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Parsed.problem("We could not parse the JSON body of your request.");
        }
        if (body == null || !body.isObject()) {
            return Parsed.problem("the body must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().isTextual()
                ? field.getValue().asText() : field.getValue().toString()));
        if (body.has("n") && !(body.get("n").isInt() && body.get("n").asInt() == 1)) {
            return new Parsed(fields, List.of(), Optional.of("n must be 1 (FableForge asks for one image per call)"));
        }
        if (!body.path("prompt").isTextual()) {
            return new Parsed(fields, List.of(), Optional.of("Missing required parameter: 'prompt'."));
        }
        Optional<String> offSpec = OpenAiContract.shared().flatMap(contract -> first(contract.check("images/generations", body)));
        if (offSpec.isPresent()) {
            return new Parsed(fields, List.of(), offSpec);
        }
        return check(fields, List.of(), GENERATION_FIELDS);
    }

    static Parsed edit(Recorded request) {
        String contentType = Optional.ofNullable(request.header("content-type")).orElse("");
        if (!contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
            return Parsed.problem("edits take multipart/form-data with a boundary, got '" + contentType + "'");
        }
        List<Part> parts;
        try {
            parts = Multipart.parse(contentType, request.body());
        } catch (IllegalArgumentException malformed) {
            return Parsed.problem("the multipart body is malformed: " + malformed.getMessage());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<byte[]> images = new ArrayList<>();
        for (Part part : parts) {
            if (part.filename().isEmpty()) {
                if (fields.put(part.name(), new String(part.body(), StandardCharsets.UTF_8)) != null) {
                    return new Parsed(fields, images, Optional.of("field '" + part.name() + "' sent twice"));
                }
            } else if (part.name().equals("image[]") || part.name().equals("image")) {
                Optional<String> problem = imageProblem(part);
                if (problem.isPresent()) {
                    return new Parsed(fields, images, problem);
                }
                images.add(part.body());
            } else {
                return new Parsed(fields, images, Optional.of("unexpected file part '" + part.name() + "'"));
            }
        }
        if (images.isEmpty() || images.size() > 16) {
            return new Parsed(fields, images, Optional.of("an edit needs 1 to 16 image[] parts, got " + images.size()));
        }
        if (fields.containsKey("input_fidelity") && !List.of("high", "low").contains(fields.get("input_fidelity"))) {
            return new Parsed(fields, images, Optional.of("input_fidelity must be high or low"));
        }
        if (fields.containsKey("n") && !fields.get("n").equals("1")) {
            return new Parsed(fields, images, Optional.of("n must be 1"));
        }
        if (!fields.containsKey("prompt")) {
            return new Parsed(fields, images, Optional.of("Missing required parameter: 'prompt'."));
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        fields.forEach((name, value) -> form.put(name, List.of(value)));
        Optional<String> offSpec = OpenAiContract.shared().flatMap(contract -> first(contract.imageEditViolations(form, images.size())));
        if (offSpec.isPresent()) {
            return new Parsed(fields, images, offSpec);
        }
        return check(fields, images, EDIT_FIELDS);
    }

    /** The first of the official spec's objections (../shared/openai-contract.json), as OpenAI's 400 names one. */
    private static Optional<String> first(List<String> violations) {
        return violations.stream().findFirst().map(violation -> "against OpenAI's spec: " + violation);
    }

    /** The parts of a request both endpoints check the same way. */
    private static Parsed check(Map<String, String> fields, List<byte[]> images, Set<String> allowed) {
        for (String name : fields.keySet()) {
            if (!allowed.contains(name)) {
                return new Parsed(fields, images, Optional.of("Unknown parameter: '" + name + "'."));
            }
        }
        String model = fields.get("model");
        if (model == null) {
            return new Parsed(fields, images, Optional.of("Missing required parameter: 'model'."));
        }
        String prompt = fields.get("prompt");
        if (prompt.isBlank() || prompt.length() > PROMPT_LIMIT) {
            return new Parsed(fields, images, Optional.of("prompt must be 1 to " + PROMPT_LIMIT + " characters for " + model
                    + ", was " + prompt.length()));
        }
        if (fields.containsKey("size") && !sizeAllowed(fields.get("size"))) {
            return new Parsed(fields, images, Optional.of("Invalid value for 'size': " + fields.get("size") + ". " + model + " takes "
                    + FIXED_SIZES + " or WIDTHxHEIGHT with both sides divisible by 16, an aspect between 1:3 and 3:1 and at most"
                    + " 3840x2160."));
        }
        if (fields.containsKey("quality") && !QUALITIES.contains(fields.get("quality"))) {
            return new Parsed(fields, images, Optional.of("Invalid value for 'quality': " + fields.get("quality") + " is not one of "
                    + QUALITIES + " for " + model + "."));
        }
        if (fields.containsKey("style")) {
            return new Parsed(fields, images, Optional.of("Unknown parameter: 'style' (GPT image models do not take it)."));
        }
        if (fields.containsKey("response_format")) {
            return new Parsed(fields, images, Optional.of("Unknown parameter: 'response_format' (GPT image models always answer b64_json)."));
        }
        return new Parsed(fields, images, Optional.empty());
    }

    /** gpt-image-2's rule (provider-contracts.md): the three fixed sizes, auto, or any 16-grid size within 1:3..3:1 and 3840x2160. */
    public static boolean sizeAllowed(String size) {
        if (FIXED_SIZES.contains(size)) {
            return true;
        }
        var sides = Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(size);
        if (!sides.matches()) {
            return false;
        }
        int width = Integer.parseInt(sides.group(1));
        int height = Integer.parseInt(sides.group(2));
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        return width % 16 == 0 && height % 16 == 0 && aspect <= 3.0 && Math.max(width, height) <= 3840
                && (long) width * height <= 3840L * 2160;
    }

    private static Optional<String> imageProblem(Part part) {
        String declared = part.contentType().orElse("");
        byte[] bytes = part.body();
        boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        boolean webp = bytes.length > 12 && new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP");
        boolean matches = switch (declared) {
            case "image/png" -> png;
            case "image/jpeg" -> jpeg;
            case "image/webp" -> webp;
            default -> false;
        };
        return matches ? Optional.empty()
                : Optional.of("image[] part '" + part.filename().orElse("") + "' must be a PNG, JPEG or WebP file whose bytes match its Content-Type ("
                + declared + ")");
    }

    /** What a request asked for (its fields, an edit's images) and the first thing the real API would refuse in it. */
    record Parsed(Map<String, String> fields, List<byte[]> images, Optional<String> problem) {
        static Parsed problem(String problem) {
            return new Parsed(Map.of(), List.of(), Optional.of(problem));
        }
    }
}
