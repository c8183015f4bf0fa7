package fableforge.spend;

import fableforge.settings.SettingsReader;
import java.nio.file.Path;
import java.util.Optional;

/** Spend accounting: an optional daily cap and an optional file overriding the built-in price table. */
public record SpendSettings(Optional<Double> limitUsdPerDay, Optional<Path> priceTableFile) {

    public static SpendSettings read(SettingsReader reader) {
        return new SpendSettings(reader.optionalDecimal("SPEND_LIMIT_USD_PER_DAY", 0, 1_000_000),
                reader.text("PRICE_TABLE_FILE").map(Path::of));
    }
}
