package fableforge.provider.http;

import fableforge.provider.ProviderError;
import fableforge.provider.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a URL that came in a provider's answer (an image or clip link), which we must treat as
 * chosen by someone else: it could point at this host, the private network or the cloud's metadata
 * service (server-side request forgery). So:
 * <ul>
 *   <li>https only, unless the provider's configured base URL is itself on loopback (a model server on
 *       this machine, or the test fakes), which then may also link to loopback;</li>
 *   <li>the host is resolved here, every address is checked against {@link AddressRules}, and the
 *       connection is made to exactly those addresses: OkHttp's {@code Dns} hook answers with the
 *       checked list, so a DNS answer that changes between check and connect (rebinding) is never
 *       asked for. TLS still verifies the certificate against the host name;</li>
 *   <li>redirects are followed here, at most {@value #MAX_REDIRECTS}, each hop checked the same way;</li>
 *   <li>the body is counted while it streams and cut off past the cap (a declared length over it is
 *       refused before reading); connect, read and total timeouts bound the call.</li>
 * </ul>
 * No system proxy is used: a proxy would resolve the name itself, after our check.
 */
public final class SafeDownload {

    /** Larger than any image a provider draws (a 4096² PNG is about 30 MB). */
    public static final long IMAGE_MAX_BYTES = 50L * 1024 * 1024;
    /** A 10 s 1080p clip is 5–30 MB; this leaves room for a high bit rate. */
    public static final long CLIP_MAX_BYTES = 200L * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Longest silence between two reads once the download has started. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ProviderHttp http;
    private final boolean localProvider;
    private final long maxBytes;
    private final OkHttpClient client;

    /**
     * @param http         the provider's client, whose name goes in messages and whose last-call record
     *                     ({@code /health}) the download updates
     * @param providerBase the provider's configured base URL: only a loopback one allows http and loopback links
     * @param maxBytes     the largest body accepted
     */
    public SafeDownload(ProviderHttp http, URI providerBase, long maxBytes) {
        this.http = http;
        this.localProvider = isLoopbackBase(providerBase);
        this.maxBytes = maxBytes;
        this.client = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .build();
    }

    /** What the link answered: its final status and, for a 2xx, the body (empty otherwise). */
    public record Fetched(int status, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** Follows {@code url} (and its redirects) within {@code timeout} in all. */
    public Fetched get(String url, Duration timeout) throws ProviderException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpUrl target = parse(url);
        for (int hop = 0; ; hop++) {
            HttpUrl current = target;
            List<InetAddress> pinned = checked(current);
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            OkHttpClient pinnedClient = client.newBuilder()
                    .dns(host -> {
                        if (!host.equals(current.host())) {
                            throw new UnknownHostException(host + " was not checked");
                        }
                        return pinned;
                    })
                    .callTimeout(left)
                    .build();
            try (Response response = pinnedClient.newCall(new Request.Builder().url(current).get().build()).execute()) {
                http.record(true, response.code());
                if (response.isRedirect()) {
                    if (hop == MAX_REDIRECTS) {
                        throw refused("redirected more than " + MAX_REDIRECTS + " times");
                    }
                    target = redirect(current, response.header("Location"));
                    continue;
                }
                if (!response.isSuccessful()) {
                    return new Fetched(response.code(), new byte[0]);
                }
                return new Fetched(response.code(), read(response.body()));
            } catch (InterruptedIOException e) {
                http.record(false, 0);
                throw new ProviderException(new ProviderError.TimedOut(http.provider() + "'s download link did not finish within "
                        + timeout.toSeconds() + " s"), e);
            } catch (IOException e) {
                http.record(false, 0);
                throw new ProviderException(new ProviderError.Transient(http.provider() + "'s download link on " + target.host()
                        + " could not be reached"), e);
            }
        }
    }

    private HttpUrl parse(String url) throws ProviderException {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            // The link itself is not shown: it may be long, and signed links carry credentials.
            throw new ProviderException(new ProviderError.Transient(http.provider() + " gave a download link that is not an http(s) URL"));
        }
        return parsed;
    }

    /** The scheme and every address of the host, checked; the addresses the connection will use. */
    private List<InetAddress> checked(HttpUrl target) throws ProviderException {
        if (!target.isHttps() && !localProvider) {
            throw refused("is plain http (only https links are fetched from a provider that is not on this machine)");
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(target.host()));
        } catch (UnknownHostException e) {
            throw new ProviderException(new ProviderError.Transient(http.provider() + "'s download host " + target.host()
                    + " could not be resolved"), e);
        }
        for (InetAddress address : addresses) {
            if (localProvider && AddressRules.isLoopback(address)) {
                continue;
            }
            Optional<String> why = AddressRules.refusal(address);
            if (why.isPresent()) {
                throw refused("points to a " + why.get() + " address (" + target.host() + ")");
            }
        }
        return addresses;
    }

    private HttpUrl redirect(HttpUrl from, String location) throws ProviderException {
        HttpUrl next = location == null ? null : from.resolve(location);
        if (next == null) {
            throw new ProviderException(new ProviderError.Transient(http.provider() + "'s download link redirected without a usable Location"));
        }
        return next;
    }

    private byte[] read(ResponseBody body) throws IOException, ProviderException {
        if (body == null) {
            return new byte[0];
        }
        if (body.contentLength() > maxBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.contentLength() > 0 ? (int) body.contentLength() : 64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = body.byteStream()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private ProviderException tooLarge() {
        return new ProviderException(new ProviderError.BadRequest(http.provider() + "'s download is larger than "
                + maxBytes / (1024 * 1024) + " MB; refused"));
    }

    /** A link we will not follow: the same link will be refused again, so it is not retried. */
    private ProviderException refused(String why) {
        return new ProviderException(new ProviderError.BadRequest(http.provider() + "'s download link " + why + "; refused"));
    }

    /** {@code localhost}, a {@code .localhost} name (RFC 6761 keeps them on this host) or a loopback literal. */
    static boolean isLoopbackBase(URI base) {
        String host = base == null || base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false; // a name: resolving it here would trust whatever DNS answers today
        }
        try {
            return AddressRules.isLoopback(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
