package fableforge.tracking;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.api.services.sheets.v4.model.AppendValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.Retryable;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import fableforge.provider.http.Monitored;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import fableforge.provider.call.CallPipeline;
import fableforge.provider.call.ProviderMeters;
import fableforge.provider.http.ProviderHttp;
import fableforge.provider.http.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends tracking rows to a Google Sheet as a service account, with Google's own clients: the auth
 * library signs the JWT (RS256, {@code iss} = the account's e-mail, {@code aud} = the token URL,
 * one hour), exchanges it for an access token and refreshes it before it expires; the generated Sheets
 * client makes {@code values:append}. Both use {@code NetHttpTransport} (the JDK's HttpURLConnection),
 * which speaks plain http too, so tests point the token URL and the root URL at a loopback fake.
 */
public final class GoogleSheetsSink implements TrackingSink, Monitored {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleSheetsSink.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An append of 500 rows takes a second or two; waiting longer only delays the next try. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Sheets sheets;
    private final String sheetId;
    private final String range;
    private final String serviceAccount;
    private final Clock clock;
    private final AtomicReference<ProviderHttp.LastCall> lastCall = new AtomicReference<>(new ProviderHttp.LastCall(0, false, 0));

    /** Counts each append for {@code GET /metrics}: the relay's own pipeline runs whole rounds, not single calls. */
    private final CallPipeline<Void> appending;

    private GoogleSheetsSink(Sheets sheets, String sheetId, String range, String serviceAccount, Clock clock,
                             CallPipeline<Void> appending) {
        this.appending = appending;
        this.sheets = sheets;
        this.sheetId = sheetId;
        this.range = range;
        this.serviceAccount = serviceAccount;
        this.clock = clock;
    }

    /**
     * Reads the service account JSON named by the settings.
     *
     * @throws IllegalStateException if the file is missing or is not a service account key: a
     *                               configuration error, reported at start-up
     */
    public static GoogleSheetsSink create(SheetsSettings settings, Clock clock) {
        return create(settings, clock, READ_TIMEOUT);
    }

    static GoogleSheetsSink create(SheetsSettings settings, Clock clock, Duration readTimeout) {
        HttpTransport transport = new NetHttpTransport();
        ServiceAccountCredentials credentials;
        try (InputStream json = Files.newInputStream(settings.credentialsFile())) {
            // The token URL comes from our settings, not the file's token_uri, so it can be pointed at a fake.
            credentials = ServiceAccountCredentials.fromStream(json, () -> transport).toBuilder()
                    .setTokenServerUri(settings.tokenUrl())
                    .setScopes(List.of(SheetsScopes.SPREADSHEETS))
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("USE_GOOGLE_AUTH=true: cannot read a service account key from "
                    + settings.credentialsFile() + " (GOOGLE_APPLICATION_CREDENTIALS): " + e.getMessage(), e);
        }
        HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
        HttpRequestInitializer initializer = request -> {
            auth.initialize(request);
            request.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            request.setReadTimeout((int) readTimeout.toMillis());
        };
        String root = settings.sheetsRootUrl().toString();
        Sheets sheets = new Sheets.Builder(transport, GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(root.endsWith("/") ? root : root + "/")
                .setApplicationName("FableForge")
                .build();
        return new GoogleSheetsSink(sheets, settings.sheetId().orElseThrow(), settings.range(), credentials.getClientEmail(), clock,
                CallPipeline.<Void>builder().build());
    }

    /** This sink counting each append in {@code calls} (provider {@code google_sheets}, operation {@code append}). */
    public GoogleSheetsSink metered(ProviderMeters calls) {
        return new GoogleSheetsSink(sheets, sheetId, range, serviceAccount, clock,
                CallPipeline.<Void>builder().metered(calls.of(ProviderMeters.providerOf(name()), "append")).build());
    }

    @Override
    public String name() {
        return "google-sheets";
    }

    @Override
    public ProviderHttp.LastCall lastCall() {
        return lastCall.get();
    }

    @Override
    public void append(List<TrackingRow> rows) throws ProviderException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            appending.call(current -> {
                send(rows);
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut("Google Sheets append interrupted"), e);
        }
    }

    private void send(List<TrackingRow> rows) throws ProviderException {
        ValueRange body = new ValueRange().setValues(rows.stream().map(TrackingRow::cells).toList());
        try {
            AppendValuesResponse response = sheets.spreadsheets().values().append(sheetId, range, body)
                    .setValueInputOption("RAW")
                    .setInsertDataOption("INSERT_ROWS")
                    .execute();
            lastCall.set(new ProviderHttp.LastCall(clock.millis(), true, 200));
            Integer updated = response.getUpdates() == null ? null : response.getUpdates().getUpdatedRows();
            if (updated == null || updated != rows.size()) {
                LOG.warn("[TRACKING] Google Sheets appended {} rows, we sent {}", updated, rows.size());
            }
        } catch (IOException e) {
            ProviderError error = classify(e);
            lastCall.set(new ProviderHttp.LastCall(clock.millis(), e instanceof HttpResponseException, status(e)));
            throw new ProviderException(error, e);
        }
    }

    /** One classification of every way an append can fail: the token exchange, the API's error JSON, the network. */
    ProviderError classify(IOException e) {
        if (e instanceof GoogleJsonResponseException json) {
            return classify(json.getStatusCode(), describe(json), json);
        }
        if (e instanceof HttpResponseException http) {
            return classify(http.getStatusCode(), http.getStatusCode() + " " + http.getStatusMessage(), http);
        }
        if (e instanceof Retryable tokenFailure) {
            // The auth library's token exchange failed (it already retried 5xx answers itself).
            String answer = e.getCause() instanceof HttpResponseException http && http.getContent() != null
                    ? " " + http.getContent().replaceAll("\\s+", " ").strip() : "";
            String message = "Google token exchange for " + serviceAccount + " failed: " + firstLine(e.getMessage()) + answer;
            return tokenFailure.isRetryable() ? new ProviderError.Transient(message) : new ProviderError.BadCredentials(message);
        }
        if (e instanceof SocketTimeoutException) {
            return new ProviderError.TimedOut("Google Sheets did not answer in time: " + e.getMessage());
        }
        return new ProviderError.Transient("Google Sheets could not be reached: " + e);
    }

    private ProviderError classify(int status, String description, HttpResponseException response) {
        String message = "Google Sheets " + description;
        return switch (status) {
            case 401 -> new ProviderError.BadCredentials(message);
            case 403 -> new ProviderError.BadCredentials(message + " (is the sheet shared with " + serviceAccount + " as an editor?)");
            case 404 -> new ProviderError.BadRequest(message + " (check GOOGLE_SHEET_ID and the tab in GOOGLE_SHEET_RANGE)");
            case 429 -> new ProviderError.RateLimited(message, RetryAfter.from(jdkHeaders(response), clock));
            default -> status >= 500 ? new ProviderError.Transient(message) : new ProviderError.BadRequest(message);
        };
    }

    private static String describe(GoogleJsonResponseException e) {
        GoogleJsonError details = e.getDetails();
        if (details == null) {
            return e.getStatusCode() + " " + e.getStatusMessage();
        }
        Object status = details.get("status");
        return details.getCode() + (status == null ? "" : " " + status) + ": " + details.getMessage();
    }

    private static java.net.http.HttpHeaders jdkHeaders(HttpResponseException response) {
        Map<String, List<String>> headers = response.getHeaders().keySet().stream().collect(Collectors.toMap(
                name -> name, name -> response.getHeaders().getHeaderStringValues(name), (a, b) -> a));
        return java.net.http.HttpHeaders.of(headers, (name, value) -> true);
    }

    private static int status(IOException e) {
        return e instanceof HttpResponseException http ? http.getStatusCode() : 0;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
