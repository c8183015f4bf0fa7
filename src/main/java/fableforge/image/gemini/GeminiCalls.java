package fableforge.image.gemini;

import fableforge.provider.http.ProviderHttp;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The HTTP client handed to the Gen AI SDK, with one interceptor that sees every call the SDK makes:
 * it keeps the last call's outcome for {@code GET /health} (the SDK hides HTTP, so {@link ProviderHttp}
 * cannot), and the body of an error answer. The SDK's {@code ApiException} keeps only the status
 * code, the HTTP reason phrase and the message; the body's {@code details} ({@code RetryInfo.retryDelay},
 * {@code ErrorInfo.reason} such as {@code API_KEY_INVALID}) are needed to classify the error.
 *
 * <p>The SDK calls OkHttp's synchronous {@code execute()}, which runs interceptors on the calling
 * thread, so the error body is kept per thread and read back by that same thread right after the SDK throws.
 */
final class GeminiCalls implements Interceptor {

    /** Google's error bodies are a few hundred bytes; a proxy's HTML page is cut here. */
    private static final long ERROR_BODY_LIMIT = 64 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final AtomicReference<ProviderHttp.LastCall> lastCall = new AtomicReference<>(new ProviderHttp.LastCall(0, false, 0));
    private final ThreadLocal<String> errorBody = new ThreadLocal<>();

    GeminiCalls(Clock clock) {
        this.clock = clock;
    }

    /**
     * No read or write timeout of its own: an image takes tens of seconds before its first byte, and
     * the SDK's call timeout (GEMINI_TIMEOUT_SECONDS, set through {@code HttpOptions.timeout}) bounds
     * the whole call. The SDK adds its own interceptors behind this one.
     */
    OkHttpClient httpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .addInterceptor(this)
                .build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        try {
            Response response = chain.proceed(chain.request());
            lastCall.set(new ProviderHttp.LastCall(clock.instant().toEpochMilli(), true, response.code()));
            if (!response.isSuccessful()) {
                // peekBody leaves the body for the SDK to read its message from.
                errorBody.set(response.peekBody(ERROR_BODY_LIMIT).string());
            }
            return response;
        } catch (IOException e) {
            lastCall.set(new ProviderHttp.LastCall(clock.instant().toEpochMilli(), false, 0));
            throw e;
        }
    }

    /** Forgets an error body this thread kept from an earlier call; called before each call. */
    void beforeCall() {
        errorBody.remove();
    }

    /** The body of the error answer this thread's last call got, if it got one. */
    Optional<String> takeErrorBody() {
        Optional<String> body = Optional.ofNullable(errorBody.get());
        errorBody.remove();
        return body;
    }

    ProviderHttp.LastCall lastCall() {
        return lastCall.get();
    }
}
