package fableforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.fake.FakeGoogleSheets;
import fableforge.fake.FakeGoogleSheets.Failure;
import fableforge.fake.FakeServer.Recorded;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Google Sheets adapter against the fake token endpoint and Sheets API (provider-contracts.md). */
class GoogleSheetsSinkTest {

    static final String SHEET_ID = "1FaKeSheet_Id-0123456789abcdefghijklmnopqrstuv";
    static final String RANGE = "Story log!A1";

    @TempDir
    Path dir;

    private final FakeGoogleSheets google = new FakeGoogleSheets(SHEET_ID, RANGE);
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        google.close();
    }

    static SheetsSettings settings(FakeGoogleSheets google, Path credentials, String sheetId) {
        return new SheetsSettings(true, Optional.of(sheetId), credentials, RANGE, URI.create(google.tokenUrl()),
                URI.create(google.rootUrl()), Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private GoogleSheetsSink sink() {
        return GoogleSheetsSink.create(settings(google, google.writeServiceAccount(dir.resolve("sa.json")), SHEET_ID),
                Clock.systemUTC());
    }

    static TrackingRow imageRow(int scene) {
        return new TrackingRow(Instant.parse("2026-11-20T09:15:00.123Z"), "story-1", 3 + scene, "image_ready", "Ember", "fox",
                scene, "pending_approval", 1, "Style: storybook. Scene " + scene + " of 20: a \"quoted\" river, ünïcode",
                "https://res.cloudinary.com/demo/image/upload/s" + scene + ".png", null);
    }

    @Test
    void appendsRowsAfterExchangingASignedServiceAccountJwtForAToken() throws Exception {
        GoogleSheetsSink sink = sink();

        sink.append(List.of(imageRow(1), imageRow(2)));
        sink.append(List.of(imageRow(3)));

        assertThat(google.rejections()).isEmpty();
        assertThat(google.tokensIssued()).as("the token is reused until it expires").isEqualTo(1);
        List<List<JsonNode>> rows = google.rows();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).extracting(JsonNode::asText).containsExactly("2026-11-20T09:15:00.123Z", "story-1",
                "image_ready", "Ember", "fox", "1", "pending_approval", "1",
                "Style: storybook. Scene 1 of 20: a \"quoted\" river, ünïcode",
                "https://res.cloudinary.com/demo/image/upload/s1.png", "", "story-1#4");
        assertThat(rows.get(0).get(5).isNumber()).as("scene numbers stay numbers").isTrue();
        assertThat(rows.get(2).get(11).asText()).isEqualTo("story-1#6");
        assertThat(sink.lastCall().answered()).isTrue();
    }

    @Test
    void appendRequestHasTheDocumentedShape() throws Exception {
        sink().append(List.of(imageRow(7)));

        Recorded request = google.appendRequests().get(0);
        assertThat(request.path()).isEqualTo("/v4/spreadsheets/" + SHEET_ID + "/values/" + RANGE + ":append");
        assertThat(request.uri().getRawPath()).as("the range is escaped in the path").contains("Story%20log!A1:append");
        assertThat(request.uri().getQuery()).contains("valueInputOption=RAW").contains("insertDataOption=INSERT_ROWS");
        assertThat(request.header("Authorization")).isEqualTo("Bearer ya29.fake-1");
        JsonNode body = mapper.readTree(FakeGoogleSheets.body(request));
        assertThat(body.get("values")).hasSize(1);
        assertThat(body.get("values").get(0)).hasSize(TrackingRow.HEADERS.size());
    }

    @Test
    void keyFileWhoseKeyIsNotTheAccountsIsRefusedAsBadCredentials() {
        GoogleSheetsSink sink = GoogleSheetsSink.create(
                settings(google, google.writeServiceAccountWithWrongKey(dir.resolve("other.json")), SHEET_ID), Clock.systemUTC());

        assertThatThrownBy(() -> sink.append(List.of(imageRow(1))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.getMessage()).contains("token exchange").contains(FakeGoogleSheets.CLIENT_EMAIL);
                });
        assertThat(google.rejections()).anyMatch(reason -> reason.contains("Invalid JWT Signature"));
        assertThat(google.appendRequests()).isEmpty();
        assertThat(google.rows()).isEmpty();
    }

    @Test
    void sheetNotSharedWithTheAccountIsBadCredentialsThatNamesTheAccount() {
        google.failWith(Failure.PERMISSION_DENIED);

        assertThatThrownBy(() -> sink().append(List.of(imageRow(1))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadCredentials.class);
                    assertThat(e.getMessage()).contains("403 PERMISSION_DENIED").contains(FakeGoogleSheets.CLIENT_EMAIL);
                });
        assertThat(google.rows()).isEmpty();
    }

    @Test
    void writeQuotaExhaustedIsRateLimitedWithTheRetryAfterGoogleSent() {
        google.failWith(Failure.RESOURCE_EXHAUSTED);

        assertThatThrownBy(() -> sink().append(List.of(imageRow(1))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.RateLimited.class);
                    assertThat(e.error().retryAfter()).contains(Duration.ofSeconds(1));
                    assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED");
                });
    }

    @Test
    void serverErrorIsTransientAndTheNextAppendWorks() throws Exception {
        GoogleSheetsSink sink = sink();
        google.failNext(1, Failure.INTERNAL);

        assertThatThrownBy(() -> sink.append(List.of(imageRow(1))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.Transient.class));
        assertThat(sink.lastCall().httpStatus()).isEqualTo(500);
        sink.append(List.of(imageRow(1)));
        assertThat(google.rows()).hasSize(1);
    }

    @Test
    void eachAppendIsCountedUnderGoogleSheetsByOutcome() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        GoogleSheetsSink sink = sink().metered(new fableforge.provider.call.ProviderMeters(registry));
        google.failNext(1, Failure.INTERNAL);

        assertThatThrownBy(() -> sink.append(List.of(imageRow(1)))).isInstanceOf(ProviderException.class);
        sink.append(List.of(imageRow(1)));

        for (String outcome : List.of("server_error", "ok")) {
            assertThat(registry.get(fableforge.provider.call.ProviderMeters.METER)
                    .tags("provider", "google_sheets", "operation", "append", "outcome", outcome).timer().count()).as(outcome).isEqualTo(1);
        }
    }

    @Test
    void unknownSheetIdIsABadRequestThatSaysWhatToCheck() {
        GoogleSheetsSink sink = GoogleSheetsSink.create(
                settings(google, google.writeServiceAccount(dir.resolve("sa.json")), "no-such-sheet"), Clock.systemUTC());

        assertThatThrownBy(() -> sink.append(List.of(imageRow(1))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
                    assertThat(e.getMessage()).contains("404").contains("GOOGLE_SHEET_ID");
                });
    }

    @Test
    void slowSheetsIsATimeout() {
        GoogleSheetsSink sink = GoogleSheetsSink.create(settings(google, google.writeServiceAccount(dir.resolve("sa.json")), SHEET_ID),
                Clock.systemUTC(), Duration.ofMillis(300));
        google.slow(Duration.ofSeconds(2));

        assertThatThrownBy(() -> sink.append(List.of(imageRow(1))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error()).isInstanceOf(ProviderError.TimedOut.class));
    }

    @Test
    void missingKeyFileIsAStartUpErrorNamingTheVariable() {
        assertThatThrownBy(() -> GoogleSheetsSink.create(settings(google, dir.resolve("absent.json"), SHEET_ID), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS").hasMessageContaining("absent.json");
    }
}
