package fableforge.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fableforge.fake.FakeServer;
import fableforge.fake.FakeServer.Reply;
import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SafeDownload against a file server on loopback: which links it follows, where it stops, and that the
 * size cap holds while the body streams. Refused links must be refused before any connection, so the
 * server's request log is checked too.
 */
class SafeDownloadTest {

    private static final URI PUBLIC_PROVIDER = URI.create("https://api-singapore.klingai.com");
    private static final long MB = 1024 * 1024;

    private final FakeServer files = new FakeServer();
    private final ProviderHttp http = new ProviderHttp("Kling", Clock.systemUTC());

    @AfterEach
    void stop() {
        files.close();
    }

    private SafeDownload download(URI providerBase, long maxBytes) {
        return new SafeDownload(http, providerBase, maxBytes);
    }

    private byte[] clip(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }

    @Test
    void aLoopbackLinkIsRefusedWhenTheProviderIsNotLocal() {
        files.on("GET", "/clip.mp4", request -> Reply.bytes(200, "video/mp4", clip(10)));
        int port = URI.create(files.url()).getPort();

        for (String link : new String[] {"https://127.0.0.1:" + port + "/clip.mp4", "https://localhost:" + port + "/clip.mp4",
                "https://[::1]:" + port + "/clip.mp4", "https://[::ffff:127.0.0.1]:" + port + "/clip.mp4"}) {
            assertThatThrownBy(() -> download(PUBLIC_PROVIDER, MB).get(link, Duration.ofSeconds(5)))
                    .isInstanceOf(ProviderException.class)
                    .satisfies(e -> {
                        ProviderError error = ((ProviderException) e).error();
                        assertThat(error).isInstanceOf(ProviderError.BadRequest.class);
                        assertThat(error.message()).contains("loopback").contains("refused");
                    });
        }
        assertThat(files.requests()).isEmpty();
    }

    @Test
    void aPlainHttpLinkIsRefusedWhenTheProviderIsNotLocal() {
        files.on("GET", "/clip.mp4", request -> Reply.bytes(200, "video/mp4", clip(10)));

        assertThatThrownBy(() -> download(PUBLIC_PROVIDER, MB).get(files.url() + "/clip.mp4", Duration.ofSeconds(5)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("plain http")
                .hasMessageNotContaining("/clip.mp4");
        assertThat(files.requests()).isEmpty();
    }

    @Test
    void aLocalProviderMayLinkToLoopbackOverHttp() throws Exception {
        files.on("GET", "/clip.mp4", request -> Reply.bytes(200, "video/mp4", clip(1000)));

        SafeDownload.Fetched fetched = download(URI.create(files.url()), MB).get(files.url() + "/clip.mp4", Duration.ofSeconds(5));

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).hasSize(1000);
        assertThat(http.lastCall().httpStatus()).isEqualTo(200);
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtThatHop() {
        files.on("GET", "/signed", request -> Reply.bytes(302, "text/plain", new byte[0]).withHeader("Location", "/moved"));
        files.on("GET", "/moved", request -> Reply.bytes(302, "text/plain", new byte[0])
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> download(URI.create(files.url()), MB).get(files.url() + "/signed", Duration.ofSeconds(20)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("link-local")
                .hasMessageContaining("refused");
        // Refused before connecting: nothing listens there, so a connection would have waited for its timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(files.requests()).extracting(FakeServer.Recorded::path).containsExactly("/signed", "/moved");
    }

    @Test
    void redirectsAreFollowedUpToFiveHops() throws Exception {
        for (int hop = 0; hop < 5; hop++) {
            String next = "/hop" + (hop + 1);
            files.on("GET", "/hop" + hop, request -> Reply.bytes(307, "text/plain", new byte[0]).withHeader("Location", next));
        }
        files.on("GET", "/hop5", request -> Reply.bytes(200, "video/mp4", clip(5)));
        SafeDownload download = download(URI.create(files.url()), MB);

        // hop0 → hop5: five redirects.
        assertThat(download.get(files.url() + "/hop0", Duration.ofSeconds(5)).body()).hasSize(5);
        // start → hop0 → hop5: six.
        files.on("GET", "/start", request -> Reply.bytes(302, "text/plain", new byte[0]).withHeader("Location", "/hop0"));
        assertThatThrownBy(() -> download.get(files.url() + "/start", Duration.ofSeconds(5)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("redirected more than 5 times");
    }

    @Test
    void aBodyOverTheCapIsRefused() {
        files.on("GET", "/big.mp4", request -> Reply.bytes(200, "video/mp4", clip((int) (2 * MB))));

        assertThatThrownBy(() -> download(URI.create(files.url()), MB).get(files.url() + "/big.mp4", Duration.ofSeconds(10)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("larger than 1 MB");
    }

    @Test
    void theCapHoldsWhileAnEndlessBodyStreams() throws IOException {
        // Chunked, no length, never ending: only counting while reading can stop it.
        HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        AtomicLong sent = new AtomicLong();
        endless.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        endless.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = clip(64 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < 1024 * MB) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientGone) {
                // the download hung up, as it should
            }
        });
        endless.start();
        String base = "http://127.0.0.1:" + endless.getAddress().getPort();
        try {
            assertThatThrownBy(() -> download(URI.create(base), 2 * MB).get(base + "/stream.mp4", Duration.ofSeconds(30)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("larger than 2 MB");
            assertThat(sent.get()).isLessThan(64 * MB);
        } finally {
            endless.stop(0);
        }
    }

    @Test
    void onlyLoopbackBaseUrlsCountAsLocal() {
        assertThat(SafeDownload.isLoopbackBase(URI.create("http://127.0.0.1:7860"))).isTrue();
        assertThat(SafeDownload.isLoopbackBase(URI.create("http://localhost:11434/v1"))).isTrue();
        assertThat(SafeDownload.isLoopbackBase(URI.create("http://[::1]:8000"))).isTrue();
        assertThat(SafeDownload.isLoopbackBase(URI.create("https://api.openai.com/v1"))).isFalse();
        assertThat(SafeDownload.isLoopbackBase(URI.create("http://192.168.1.20:8000"))).isFalse();
        assertThat(SafeDownload.isLoopbackBase(URI.create("http://127.0.0.1.nip.io"))).isFalse();
    }
}
