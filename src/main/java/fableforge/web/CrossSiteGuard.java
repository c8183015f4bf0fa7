package fableforge.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests a browser sends on behalf of another site (CSRF). Browsers say where
 * a request comes from: {@code Sec-Fetch-Site} (Fetch Metadata, sent by every current browser) and,
 * on every POST, {@code Origin} (RFC 6454 §7; the Fetch standard sends it for non-GET requests).
 * A request with neither header is not from a browser page (curl, a script with a token) and passes:
 * such a client cannot carry another user's cookies. See OWASP's CSRF Prevention Cheat Sheet,
 * "Fetch Metadata headers" and "Verifying Origin With Standard Headers".
 */
public final class CrossSiteGuard implements Handler {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final boolean trustProxy;

    public CrossSiteGuard(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    @Override
    public void handle(Context ctx) {
        if (!WRITES.contains(ctx.method().name())) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            String value = site.strip().toLowerCase(Locale.ROOT);
            // same-site is refused too: another port or subdomain of the same site is another application.
            if (!value.equals("same-origin") && !value.equals("none")) {
                throw refused();
            }
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ownScheme(ctx), ownHost(ctx))) {
            throw refused();
        }
    }

    private static Refusal refused() {
        return new Refusal(403, "cross_site", "requests that change something must come from this app's own pages");
    }

    private String ownScheme(Context ctx) {
        String forwarded = trustProxy ? first(ctx.header("X-Forwarded-Proto")) : null;
        return forwarded != null ? forwarded : ctx.scheme();
    }

    private String ownHost(Context ctx) {
        String forwarded = trustProxy ? first(ctx.header("X-Forwarded-Host")) : null;
        return forwarded != null ? forwarded : ctx.header("Host");
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",", 2)[0].strip();
    }

    /** Whether {@code origin} (scheme://host[:port]) is the origin of a request to {@code scheme}://{@code host}. */
    static boolean sameOrigin(String origin, String scheme, String host) {
        if (host == null || scheme == null) {
            return false;
        }
        try {
            URI theirs = new URI(origin.strip());
            URI ours = new URI(scheme.toLowerCase(Locale.ROOT) + "://" + host.strip());
            return theirs.getScheme() != null && theirs.getHost() != null && ours.getHost() != null
                    && theirs.getScheme().equalsIgnoreCase(ours.getScheme())
                    && theirs.getHost().equalsIgnoreCase(ours.getHost())
                    && port(theirs) == port(ours);
        } catch (Exception e) {
            // "null" (an opaque origin: sandboxed frame, file:) and anything unreadable is not ours.
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
