package fableforge.spend;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One paid provider call and what it is estimated to cost.
 *
 * @param storyId  the story it was made for
 * @param stage    {@code story}, {@code prompts}, {@code image}, {@code video}, {@code narration}
 * @param provider the adapter's name, e.g. {@code openai}
 * @param model    the model or plan the price depends on
 * @param detail   what was bought, e.g. {@code 1024x1536 medium} or {@code 1840 in + 2210 out tokens}
 * @param usd      the estimate from the price table; empty when the table has no price for it
 */
public record Charge(String storyId, String stage, String provider, String model, String detail, Optional<BigDecimal> usd) {
}
