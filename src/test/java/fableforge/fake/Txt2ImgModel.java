package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WebUI's txt2img request model (modules/api/models.py: every parameter of
 * StableDiffusionProcessingTxt2Img, Optional, pydantic v2 lax mode) as the fake checks it, with
 * pydantic's error entries {@code {type, loc, msg, input}}: an int field takes 25, 25.0 or "25",
 * never 25.5; a string field takes only strings; every field may be null. Stricter than the WebUI,
 * so a wrong request fails a test instead of drawing the wrong picture: {@code prompt} is required
 * (the WebUI would draw an empty prompt), width and height must be multiples of 8 (it would round
 * them down) and unknown fields are rejected (it would ignore a misspelt one).
 */
final class Txt2ImgModel {

    private static final Set<String> STRINGS = Set.of("prompt", "negative_prompt", "sampler_name", "scheduler",
            "sampler_index", "hr_upscaler", "hr_checkpoint_name", "hr_sampler_name", "hr_scheduler", "hr_prompt",
            "hr_negative_prompt", "refiner_checkpoint", "script_name", "force_task_id", "infotext");
    private static final Set<String> INTEGERS = Set.of("seed", "subseed", "steps", "width", "height", "batch_size",
            "n_iter", "seed_resize_from_h", "seed_resize_from_w", "hr_second_pass_steps", "hr_resize_x", "hr_resize_y",
            "firstphase_width", "firstphase_height");
    private static final Set<String> NUMBERS = Set.of("cfg_scale", "subseed_strength", "denoising_strength", "eta",
            "s_min_uncond", "s_churn", "s_tmax", "s_tmin", "s_noise", "hr_scale", "refiner_switch_at");
    private static final Set<String> BOOLEANS = Set.of("restore_faces", "tiling", "do_not_save_samples",
            "do_not_save_grid", "enable_hr", "send_images", "save_images", "disable_extra_networks",
            "override_settings_restore_afterwards");
    private static final Set<String> LISTS = Set.of("styles", "script_args");
    private static final Set<String> OBJECTS = Set.of("override_settings", "alwayson_scripts", "comments");
    private final ObjectMapper mapper;

    Txt2ImgModel(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<ObjectNode> validate(ObjectNode body) {
        List<ObjectNode> problems = new ArrayList<>();
        if (!body.hasNonNull("prompt")) {
            problems.add(problem("missing", List.of("body", "prompt"), "Field required", body));
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            ObjectNode problem = checkType(field.getKey(), field.getValue());
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (String side : List.of("width", "height")) {
            JsonNode value = body.path(side);
            if (asInteger(value) != null && asInteger(value) % 8 != 0) {
                problems.add(problem("multiple_of", List.of("body", side), "Input should be a multiple of 8", value));
            }
        }
        return problems;
    }

    private ObjectNode checkType(String name, JsonNode value) {
        List<Object> loc = List.of("body", name);
        if (value.isNull()) {
            return null;
        }
        if (STRINGS.contains(name)) {
            return value.isTextual() ? null : problem("string_type", loc, "Input should be a valid string", value);
        }
        if (INTEGERS.contains(name)) {
            if (value.isNumber() && !value.isIntegralNumber() && value.asDouble() % 1 != 0) {
                return problem("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", value);
            }
            return asInteger(value) != null ? null
                    : problem("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", value);
        }
        if (NUMBERS.contains(name)) {
            return value.isNumber() || (value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?")) ? null
                    : problem("float_parsing", loc, "Input should be a valid number, unable to parse string as a number", value);
        }
        if (BOOLEANS.contains(name)) {
            return value.isBoolean() ? null : problem("bool_parsing", loc, "Input should be a valid boolean", value);
        }
        if (LISTS.contains(name)) {
            return value.isArray() ? null : problem("list_type", loc, "Input should be a valid list", value);
        }
        if (OBJECTS.contains(name)) {
            return value.isObject() ? null : problem("dict_type", loc, "Input should be a valid dictionary", value);
        }
        return problem("extra_forbidden", loc, "Extra inputs are not permitted", value);
    }

    static Long asInteger(JsonNode value) {
        if (value.isIntegralNumber() || (value.isNumber() && value.asDouble() % 1 == 0)) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().strip().matches("-?\\d+")) {
            return Long.parseLong(value.asText().strip());
        }
        return null;
    }

    ObjectNode problem(String type, List<Object> loc, String msg, JsonNode input) {
        ObjectNode problem = mapper.createObjectNode().put("type", type);
        ArrayNode where = problem.putArray("loc");
        loc.forEach(part -> {
            if (part instanceof Integer index) {
                where.add(index);
            } else {
                where.add(part.toString());
            }
        });
        problem.put("msg", msg).set("input", input);
        return problem;
    }
}
