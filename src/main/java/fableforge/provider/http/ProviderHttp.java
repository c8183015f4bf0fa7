package fableforge.provider.http;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK HTTP client as every real adapter uses it: a connect timeout, a total timeout per call,
 * transport failures classified once (timeout or transient), and a record of the last call for
 * {@code GET /health}. The adapter classifies the answers it gets; this class only knows whether one came.
 */
public final class ProviderHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String provider;
    private final HttpClient client;
    private final Clock clock;
    private final AtomicReference<LastCall> lastCall = new AtomicReference<>(LastCall.NONE);

    public ProviderHttp(String provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Sends the request with {@code timeout} as its total time limit; any HTTP status is returned. */
    public HttpResponse<byte[]> send(HttpRequest request, Duration timeout) throws ProviderException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout);
        if ("http".equals(request.uri().getScheme())) {
            // Plain-http servers (local model servers, proxies) get HTTP/1.1 without an h2c upgrade
            // offer, which some of them answer badly; https negotiates HTTP/2 safely through TLS.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        HttpRequest bounded = builder.build();
        try {
            HttpResponse<byte[]> response = client.send(bounded, HttpResponse.BodyHandlers.ofByteArray());
            lastCall.set(new LastCall(clock.instant().toEpochMilli(), true, response.statusCode()));
            return response;
        } catch (HttpTimeoutException e) {
            lastCall.set(new LastCall(clock.instant().toEpochMilli(), false, 0));
            throw new ProviderException(new ProviderError.TimedOut(provider + " did not answer within " + timeout.toSeconds() + " s"), e);
        } catch (IOException e) {
            lastCall.set(new LastCall(clock.instant().toEpochMilli(), false, 0));
            throw new ProviderException(new ProviderError.Transient(provider + " could not be reached: " + describe(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.TimedOut(provider + " call interrupted"), e);
        }
    }

    /** A call made by another client for this provider (a {@link SafeDownload}), recorded for {@code /health}. */
    void record(boolean answered, int httpStatus) {
        lastCall.set(new LastCall(clock.instant().toEpochMilli(), answered, httpStatus));
    }

    public String provider() {
        return provider;
    }

    public LastCall lastCall() {
        return lastCall.get();
    }

    /**
     * The last call's outcome: when it ended (epoch ms, 0 = never called), whether the provider
     * answered at all, and the HTTP status it answered with.
     */
    public record LastCall(long atEpochMs, boolean answered, int httpStatus) {
        static final LastCall NONE = new LastCall(0, false, 0);

        public boolean called() {
            return atEpochMs > 0;
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
