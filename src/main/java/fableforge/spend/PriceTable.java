package fableforge.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Estimated prices of paid calls, in US dollars: per image by model, size and quality, and per
 * million tokens for chat models. The built-in table ({@code prices.json}) can be replaced by a file
 * of the same shape ({@code PRICE_TABLE_FILE}) when prices change or another model is used.
 */
public final class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final JsonNode table;

    PriceTable(JsonNode table) {
        this.table = table;
    }

    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/fableforge/spend/prices.json")) {
            return new PriceTable(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in price table is unreadable", e);
        }
    }

    public static PriceTable load(Optional<Path> file) {
        if (file.isEmpty()) {
            return builtIn();
        }
        try {
            return new PriceTable(new ObjectMapper().readTree(Files.readString(file.get())));
        } catch (IOException e) {
            throw new IllegalArgumentException("PRICE_TABLE_FILE=" + file.get() + ": not a readable JSON price table (" + e.getMessage() + ")", e);
        }
    }

    /** One image of {@code model} at {@code size} (e.g. {@code 1024x1536}) and {@code quality}. */
    public Optional<BigDecimal> image(String model, String size, String quality) {
        JsonNode price = table.path("images").path(model).path(size).path(quality);
        return price.isNumber() ? Optional.of(price.decimalValue()) : Optional.empty();
    }

    /** A chat completion of {@code model} that read {@code inputTokens} and wrote {@code outputTokens}. */
    public Optional<BigDecimal> chat(String model, long inputTokens, long outputTokens) {
        JsonNode price = table.path("chat").path(model);
        if (!price.path("input_per_million").isNumber() || !price.path("output_per_million").isNumber()) {
            return Optional.empty();
        }
        BigDecimal input = price.get("input_per_million").decimalValue().multiply(BigDecimal.valueOf(inputTokens));
        BigDecimal output = price.get("output_per_million").decimalValue().multiply(BigDecimal.valueOf(outputTokens));
        return Optional.of(input.add(output).divide(MILLION, 6, RoundingMode.HALF_UP));
    }

    /**
     * What the input of an image call costs on top of the per-image price: the prompt's text tokens
     * and, for edits, the reference image's tokens (gpt-image-1 reports both in its usage).
     */
    public Optional<BigDecimal> imageInput(String model, long textTokens, long imageTokens) {
        JsonNode price = table.path("image_input").path(model);
        if (!price.path("text_per_million").isNumber() || !price.path("image_per_million").isNumber()) {
            return Optional.empty();
        }
        BigDecimal text = price.get("text_per_million").decimalValue().multiply(BigDecimal.valueOf(textTokens));
        BigDecimal image = price.get("image_per_million").decimalValue().multiply(BigDecimal.valueOf(imageTokens));
        return Optional.of(text.add(image).divide(MILLION, 6, RoundingMode.HALF_UP));
    }

    /**
     * One Gemini image of {@code model}: its per-image price (the image's output tokens, a fixed count
     * per 1K image) plus {@code inputTokens} (prompt and reference images) at the model's input rate
     * when the table has one; empty when the model's per-image price is unknown.
     */
    public Optional<BigDecimal> geminiImage(String model, long inputTokens) {
        JsonNode price = table.path("gemini_images").path(model);
        if (!price.path("per_image").isNumber()) {
            return Optional.empty();
        }
        BigDecimal image = price.get("per_image").decimalValue();
        if (!price.path("input_per_million").isNumber()) {
            return Optional.of(image);
        }
        BigDecimal input = price.get("input_per_million").decimalValue().multiply(BigDecimal.valueOf(inputTokens));
        return Optional.of(image.add(input.divide(MILLION, 6, RoundingMode.HALF_UP)));
    }

    /**
     * A GPT image model billed by tokens (gpt-image-2): the text and image tokens it read and the
     * image tokens it wrote, as its answer's {@code usage} reports them.
     */
    public Optional<BigDecimal> imageTokens(String model, long textInput, long imageInput, long output) {
        JsonNode price = table.path("image_tokens").path(model);
        if (!price.path("text_input_per_million").isNumber() || !price.path("image_input_per_million").isNumber()
                || !price.path("image_output_per_million").isNumber()) {
            return Optional.empty();
        }
        BigDecimal total = price.get("text_input_per_million").decimalValue().multiply(BigDecimal.valueOf(textInput))
                .add(price.get("image_input_per_million").decimalValue().multiply(BigDecimal.valueOf(imageInput)))
                .add(price.get("image_output_per_million").decimalValue().multiply(BigDecimal.valueOf(output)));
        return Optional.of(total.divide(MILLION, 6, RoundingMode.HALF_UP));
    }

    /** Whether {@code model} is billed by tokens, so the charge must come from its answer's usage. */
    public boolean billsImageTokens(String model) {
        return table.path("image_tokens").path(model).isObject();
    }

    /**
     * What one image of a token-billed model is expected to cost before it is drawn: its output
     * tokens estimated from the picture's area and quality; empty when the table has no estimate.
     */
    public Optional<BigDecimal> imageTokensEstimate(String model, int width, int height, String quality) {
        JsonNode perMegapixel = table.path("image_tokens").path(model).path("output_tokens_per_megapixel").path(quality);
        if (!perMegapixel.isNumber()) {
            return Optional.empty();
        }
        long tokens = Math.round(perMegapixel.asDouble() * width * height / 1_048_576.0);
        return imageTokens(model, 0, 0, tokens);
    }

    /** A price per unit of a named product, e.g. {@code ("video", "kling-v1-6/std/5")} or {@code ("speech", "tts-1")}. */
    public Optional<BigDecimal> unit(String section, String product) {
        JsonNode price = table.path(section).path(product);
        return price.isNumber() ? Optional.of(price.decimalValue()) : Optional.empty();
    }
}
