package fableforge.image;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What one unit of a provider's work costs before it is started, e.g. one image at the configured
 * model and size; {@code usd} is empty when the price table does not know it.
 */
public record PriceQuote(String provider, String model, String detail, Optional<BigDecimal> usd) {

    public static PriceQuote free(String provider) {
        return new PriceQuote(provider, provider, "runs locally", Optional.of(BigDecimal.ZERO));
    }

    public Optional<BigDecimal> times(int units) {
        return usd.map(price -> price.multiply(BigDecimal.valueOf(units)));
    }
}
