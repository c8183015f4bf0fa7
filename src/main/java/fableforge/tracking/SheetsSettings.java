package fableforge.tracking;

import fableforge.settings.SettingsReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Google Sheets tracking through a service account. {@code pollInterval}: how often the relay looks
 * for new events; {@code maxBackoff}: the longest wait between tries while Sheets is failing.
 */
public record SheetsSettings(
        boolean enabled,
        Optional<String> sheetId,
        Path credentialsFile,
        String range,
        URI tokenUrl,
        URI sheetsRootUrl,
        Duration pollInterval,
        Duration maxBackoff) {

    public static SheetsSettings read(SettingsReader reader) {
        return new SheetsSettings(
                reader.bool("USE_GOOGLE_AUTH"),
                reader.text("GOOGLE_SHEET_ID"),
                Path.of(reader.text("GOOGLE_APPLICATION_CREDENTIALS", "/etc/secrets/service-account.json")),
                reader.text("GOOGLE_SHEET_RANGE", "Sheet1!A1"),
                reader.url("GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token"),
                reader.url("GOOGLE_SHEETS_ROOT_URL", "https://sheets.googleapis.com/"),
                // Sheets allows 60 write requests a minute per user; one append per 5 s stays far below.
                Duration.ofMillis(reader.integer("GOOGLE_SHEETS_POLL_MS", 5_000, 10, 3_600_000)),
                Duration.ofMillis(reader.integer("GOOGLE_SHEETS_MAX_BACKOFF_MS", 300_000, 10, 3_600_000)));
    }

    /** Tracking switched on needs the sheet to write to. */
    public void check(SettingsReader reader) {
        if (enabled && sheetId.isEmpty()) {
            reader.problem("USE_GOOGLE_AUTH=true needs GOOGLE_SHEET_ID");
        }
    }

    /** Allowed but probably not meant: tracking on with a key file nobody can read. */
    public Optional<String> warning() {
        return enabled && !Files.isReadable(credentialsFile)
                ? Optional.of("USE_GOOGLE_AUTH=true but the service account file " + credentialsFile
                        + " is not readable (set GOOGLE_APPLICATION_CREDENTIALS): rows wait until it is")
                : Optional.empty();
    }

    /** The service account's private key, when tracking is on, for the secret scrubber. */
    public List<String> secrets() {
        return enabled ? ServiceAccountKey.secrets(credentialsFile) : List.of();
    }
}
