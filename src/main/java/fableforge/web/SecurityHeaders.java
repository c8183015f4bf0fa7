package fableforge.web;

import io.javalin.http.Context;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.ResponseHttpFields;

/**
 * The headers every response carries, added by Jetty before any handler runs (a
 * {@link HttpConfiguration.Customizer}), so static files, 404s and errors get them as well as the API.
 * They are Jetty's "persistent" fields, which a response reset (an error page replacing a half-made
 * answer) keeps.
 *
 * <ul>
 *   <li>Content-Security-Policy: only this origin's scripts, styles and connections (the UI has no inline
 *       script or style and no third-party origin); images and video also from the media store's host;
 *       no plugins, no framing ({@code frame-ancestors 'none'}), no {@code <base>}, forms post only here.
 *       (CSP Level 3, W3C.)</li>
 *   <li>X-Frame-Options DENY for browsers without frame-ancestors; nosniff so a stored file is never run
 *       as a script; Referrer-Policy same-origin so story ids in URLs never leave for another site.</li>
 * </ul>
 * The Server header is switched off in {@link #apply}. A request that came over TLS (directly, or through
 * a trusted proxy's {@code X-Forwarded-Proto: https}) also gets Strict-Transport-Security (RFC 6797), so
 * the browser never again tries the site over plain http; over http it would be ignored (§7.2), so it is
 * not sent.
 */
public final class SecurityHeaders implements HttpConfiguration.Customizer {

    static final HttpField HSTS = new HttpField("Strict-Transport-Security", "max-age=31536000");

    private final List<HttpField> fields;
    private final boolean trustProxy;

    public SecurityHeaders(List<String> mediaOrigins) {
        this(mediaOrigins, false);
    }

    /** @param trustProxy whether {@code X-Forwarded-Proto} is the proxy's word (TRUST_PROXY) rather than the client's */
    public SecurityHeaders(List<String> mediaOrigins, boolean trustProxy) {
        this.trustProxy = trustProxy;
        String media = mediaOrigins.isEmpty() ? "" : " " + String.join(" ", mediaOrigins);
        String csp = "default-src 'self'; img-src 'self' data: blob:" + media + "; media-src 'self' blob:" + media
                + "; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        this.fields = List.of(
                persistent("Content-Security-Policy", csp),
                persistent("X-Content-Type-Options", "nosniff"),
                persistent("Referrer-Policy", "same-origin"),
                persistent("X-Frame-Options", "DENY"));
    }

    private static HttpField persistent(String name, String value) {
        return new ResponseHttpFields.PersistentHttpField(new HttpField(name, value));
    }

    /** Installs the headers on every connector and stops Jetty naming itself and its version. */
    public void apply(HttpConfiguration http) {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.addCustomizer(this);
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        fields.forEach(responseHeaders::put);
        if (request.isSecure() || (trustProxy && "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto")))) {
            responseHeaders.put(HSTS);
        }
        return request;
    }

    /** The same headers on a response Jetty writes itself before any customizer ran (a request it could not parse). */
    void addTo(HttpFields.Mutable responseHeaders) {
        fields.forEach(responseHeaders::put);
    }

    /**
     * After-handler: API answers in JSON are never stored by browsers or proxies (they hold stories and
     * costs); an answer that already says how to cache (media) is left alone.
     */
    public static void noStoreForJson(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && type.startsWith("application/json") && ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
