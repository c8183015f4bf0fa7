package fableforge.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.fake.FakeServer.Recorded;
import fableforge.fake.FakeServer.Reply;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Stable Diffusion WebUI (AUTOMATIC1111 1.x, {@code --api}) on loopback: {@code POST /sdapi/v1/txt2img}
 * checked as the WebUI checks it and answered with a real PNG of the requested size whose pixels
 * depend on the seed and the prompt.
 *
 * <p>Like the WebUI: HTTP basic auth when {@code --api-auth} is set (401 with {@code WWW-Authenticate}),
 * the request model ({@link Txt2ImgModel}) with every problem listed in one 422
 * {@code {"detail": [{type, loc, msg, input}]}}, an unknown sampler as 400, every failure as
 * {@code {error, detail, body, errors}}, seed -1 as a random seed, and {@code info} as a JSON string.
 * It draws one image at a time, as the WebUI's queue lock does: concurrent calls wait in line.
 */
public final class FakeSdWebUi implements AutoCloseable {

    public static final String TXT2IMG = "/sdapi/v1/txt2img";

    /** What the next calls run into, after they passed auth and validation (as on a real GPU). */
    public enum Trouble {
        /** 500 from a CUDA out-of-memory, as the WebUI's API middleware reports it. */
        OUT_OF_MEMORY,
        /** 200 whose JSON is cut off (a proxy or a crashed worker). */
        TRUNCATED_BODY,
        /** 200 whose image is not an image. */
        NOT_AN_IMAGE
    }

    /** A txt2img call the fake accepted and drew, with the seed it used. */
    public record Drawn(String prompt, String negativePrompt, int steps, double cfgScale, String sampler,
                        int width, int height, long seed, int batchSize, int nIter, long seedUsed) {
    }

    private static final long SEED_RANGE = 4_294_967_294L;
    /** AUTOMATIC1111 1.9+ names (the scheduler is separate) and the older "… Karras" names it still accepts. */
    private static final Set<String> SAMPLERS = Set.of("DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun",
            "DPM++ 2S a", "DPM++ 3M SDE", "Euler a", "Euler", "LMS", "Heun", "DPM2", "DPM2 a", "DPM fast",
            "DPM adaptive", "Restart", "DDIM", "PLMS", "UniPC", "LCM", "DPM++ 2M Karras", "DPM++ SDE Karras");

    private final FakeServer server = new FakeServer();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Txt2ImgModel model = new Txt2ImgModel(mapper);
    private final List<Drawn> drawn = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Trouble> troubles = new ConcurrentLinkedDeque<>();
    private volatile String credentials;
    private volatile boolean apiEnabled = true;
    private volatile Duration answerDelay = Duration.ZERO;
    private final ReentrantLock gpu = new ReentrantLock(true);

    public FakeSdWebUi() {
        server.on("POST", TXT2IMG, this::txt2img);
    }

    /** The base URL, like {@code SD_WEBUI_URL}. */
    public String url() {
        return server.url();
    }

    /** As if started with {@code --api-auth user:password}. */
    public FakeSdWebUi requireAuth(String userColonPassword) {
        this.credentials = userColonPassword;
        return this;
    }

    /** As if started without {@code --api}: the API's paths do not exist. */
    public FakeSdWebUi withoutApi() {
        this.apiEnabled = false;
        return this;
    }

    /** Every image takes this long to draw (a small GPU); calls behind it in the queue wait for it. */
    public FakeSdWebUi answerAfter(Duration delay) {
        this.answerDelay = delay;
        return this;
    }

    /** The next valid calls meet these troubles, one each, in order; later calls draw normally. */
    public FakeSdWebUi next(Trouble... upcoming) {
        troubles.addAll(List.of(upcoming));
        return this;
    }

    /** The calls the fake accepted and drew, in the order they arrived. */
    public List<Drawn> drawn() {
        return List.copyOf(drawn);
    }

    /** Every txt2img request it received, accepted or not. */
    public List<Recorded> requests() {
        return server.requests("POST", TXT2IMG);
    }

    public FakeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private Reply txt2img(Recorded request) {
        if (!apiEnabled) {
            return Reply.json(404, "{\"detail\":\"Not Found\"}");
        }
        Reply refused = checkAuth(request.header("authorization"));
        if (refused != null) {
            return refused;
        }
        JsonNode body;
        try {
            body = mapper.readTree(request.body());
        } catch (IOException e) {
            return validationFailed(List.of(model.problem("json_invalid", List.of("body", 0), "JSON decode error", mapper.createObjectNode())));
        }
        if (body == null || !body.isObject()) {
            return validationFailed(List.of(model.problem("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", body)));
        }
        List<ObjectNode> problems = model.validate((ObjectNode) body);
        if (!problems.isEmpty()) {
            return validationFailed(problems);
        }
        String sampler = body.path("sampler_name").asText(body.path("sampler_index").asText("Euler"));
        if (!SAMPLERS.contains(sampler)) {
            return apiError(400, "HTTPException", "Sampler not found", "400: Sampler not found");
        }
        Trouble trouble = troubles.pollFirst();
        if (trouble != null) {
            return troubled(trouble);
        }
        gpu.lock();
        try {
            Thread.sleep(answerDelay);
            return draw((ObjectNode) body, sampler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return apiError(500, "InterruptedError", "", "interrupted");
        } finally {
            gpu.unlock();
        }
    }

    /** FastAPI's HTTPBasic: no header is "Not authenticated", a wrong pair "Incorrect username or password". */
    private Reply checkAuth(String authorization) {
        if (credentials == null) {
            return null;
        }
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return apiError(401, "HTTPException", "Not authenticated", "401: Not authenticated").withHeader("WWW-Authenticate", "Basic");
        }
        String given;
        try {
            given = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return apiError(401, "HTTPException", "Invalid authentication credentials", "401: Invalid authentication credentials")
                    .withHeader("WWW-Authenticate", "Basic");
        }
        return given.equals(credentials) ? null
                : apiError(401, "HTTPException", "Incorrect username or password", "401: Incorrect username or password")
                        .withHeader("WWW-Authenticate", "Basic");
    }

    private Reply validationFailed(List<ObjectNode> problems) {
        ObjectNode body = mapper.createObjectNode();
        body.putArray("detail").addAll(problems);
        return Reply.json(422, body.toString());
    }

    private Reply apiError(int status, String error, String detail, String errors) {
        ObjectNode body = mapper.createObjectNode().put("error", error).put("detail", detail).put("body", "").put("errors", errors);
        return Reply.json(status, body.toString());
    }

    private Reply troubled(Trouble trouble) {
        return switch (trouble) {
            case OUT_OF_MEMORY -> apiError(500, "OutOfMemoryError", "", "CUDA out of memory. Tried to allocate 1.50 GiB "
                    + "(GPU 0; 7.79 GiB total capacity; 5.12 GiB already allocated; 1.02 GiB free; 5.40 GiB reserved in total "
                    + "by PyTorch) If reserved memory is >> allocated memory try setting max_split_size_mb to avoid fragmentation.");
            case TRUNCATED_BODY -> Reply.json(200, "{\"images\":[\"iVBORw0KGgoAAAANSUhEUgAAAkAAAAQA");
            case NOT_AN_IMAGE -> Reply.json(200, "{\"images\":[\"" + Base64.getEncoder().encodeToString(
                    "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)) + "\"],\"parameters\":{},\"info\":\"{}\"}");
        };
    }

    private Reply draw(ObjectNode body, String sampler) {
        int width = (int) integer(body, "width", 512);
        int height = (int) integer(body, "height", 512);
        long seed = integer(body, "seed", -1);
        long used = seed == -1 ? ThreadLocalRandom.current().nextLong(SEED_RANGE) : seed;
        String prompt = body.path("prompt").asText();
        Drawn call = new Drawn(prompt, body.path("negative_prompt").asText(""), (int) integer(body, "steps", 50),
                body.path("cfg_scale").asDouble(7.0), sampler, width, height, seed, (int) integer(body, "batch_size", 1),
                (int) integer(body, "n_iter", 1), used);
        drawn.add(call);
        ObjectNode answer = mapper.createObjectNode();
        answer.putArray("images").add(Base64.getEncoder().encodeToString(png(width, height, used, prompt)));
        answer.set("parameters", body);
        answer.put("info", info(call).toString());
        return Reply.json(200, answer.toString());
    }

    /** A validated int field, or the request model's default when it is absent or null. */
    private static long integer(ObjectNode body, String field, long fallback) {
        Long value = Txt2ImgModel.asInteger(body.path(field));
        return value == null ? fallback : value;
    }

    /** The fields of the WebUI's Processed.js() that callers read. */
    private ObjectNode info(Drawn call) {
        ObjectNode info = mapper.createObjectNode()
                .put("prompt", call.prompt())
                .put("negative_prompt", call.negativePrompt())
                .put("seed", call.seedUsed())
                .put("subseed", -1)
                .put("width", call.width())
                .put("height", call.height())
                .put("sampler_name", call.sampler())
                .put("cfg_scale", call.cfgScale())
                .put("steps", call.steps())
                .put("batch_size", call.batchSize())
                .put("sd_model_name", "fake-sd15")
                .put("sd_model_hash", "cafe0123")
                .put("version", "v1.10.1-fake");
        info.putArray("all_prompts").add(call.prompt());
        info.putArray("all_seeds").add(call.seedUsed());
        info.putArray("infotexts").add(call.prompt() + "\nSteps: " + call.steps() + ", Sampler: " + call.sampler()
                + ", CFG scale: " + call.cfgScale() + ", Seed: " + call.seedUsed() + ", Size: " + call.width() + "x" + call.height());
        return info;
    }

    /** A cheap picture: the seed picks the sky, the prompt and seed together pick the shapes. */
    static byte[] png(int width, int height, long seed, String prompt) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        SplittableRandom sky = new SplittableRandom(seed);
        g.setColor(new Color(sky.nextInt(0x1000000)));
        g.fillRect(0, 0, width, height);
        SplittableRandom shapes = new SplittableRandom(seed * 31 + prompt.hashCode());
        for (int i = 0; i < 5; i++) {
            g.setColor(new Color(shapes.nextInt(0x1000000)));
            g.fillOval(shapes.nextInt(width), shapes.nextInt(height), width / 4 + shapes.nextInt(width / 2), height / 6 + shapes.nextInt(height / 3));
        }
        g.dispose();
        return fableforge.TestPngs.encode(image);
    }
}
