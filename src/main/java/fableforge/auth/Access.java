package fableforge.auth;

import fableforge.settings.ConfigException;
import fableforge.settings.SettingsReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may connect (issue 13): the address {@code serve} listens on and whether callers need an account.
 *
 * <ul>
 *   <li>{@code AUTH_MODE=local} (default): no accounts, so only this machine may connect; a bind
 *       beyond loopback refuses to start.</li>
 *   <li>{@code accounts}: every request but sign-in and {@code /health} needs a token or a session.</li>
 *   <li>{@code open}: no accounts on a network the operator trusts; warned about at every start.</li>
 * </ul>
 *
 * @param publicBaseUrl where users reach the app (sign-in links; https makes cookies Secure); empty: http://localhost:PORT
 * @param oidc          sign-in through an OpenID Connect provider, with accounts and OIDC_ISSUER set
 */
public record Access(Mode mode, String host, Optional<URI> publicBaseUrl, Duration sessionIdle, Duration sessionMax,
                     Optional<OidcSettings> oidc) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public enum Mode {
        LOCAL, ACCOUNTS, OPEN;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Access read(SettingsReader reader) {
        Mode mode = reader.choice("AUTH_MODE", List.of("local", "accounts", "open"))
                .map(text -> Mode.valueOf(text.toUpperCase(Locale.ROOT))).orElse(Mode.LOCAL);
        String host = reader.text("HOST", DEFAULT_HOST);
        Optional<URI> base = reader.text("PUBLIC_BASE_URL").flatMap(text -> baseUrl(reader, text));
        Duration idle = Duration.ofHours(reader.integer("SESSION_IDLE_HOURS", 12, 1, 24 * 90));
        Duration max = Duration.ofDays(reader.integer("SESSION_MAX_DAYS", 14, 1, 365));
        if (idle.compareTo(max) > 0) {
            reader.problem("SESSION_IDLE_HOURS=" + idle.toHours() + " is longer than SESSION_MAX_DAYS=" + max.toDays()
                    + ": a session ends at the maximum anyway; lower SESSION_IDLE_HOURS");
        }
        return new Access(mode, host, base, idle, max, OidcSettings.read(reader, mode));
    }

    private static Optional<URI> baseUrl(SettingsReader reader, String text) {
        try {
            URI uri = new URI(text.replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        reader.problem("PUBLIC_BASE_URL=" + text + ": must be the http:// or https:// address users open, such as https://stories.example.org");
        return Optional.empty();
    }

    /** The address users open, without a trailing slash: sign-in links start with it. */
    public URI baseUrl(int port) {
        return publicBaseUrl.orElse(URI.create("http://localhost:" + port));
    }

    /** Cookies carry Secure when users reach the app over https (a request forwarded as https also gets them). */
    public boolean secureCookies() {
        return publicBaseUrl.map(uri -> uri.getScheme().equalsIgnoreCase("https")).orElse(false);
    }

    public boolean accounts() {
        return mode == Mode.ACCOUNTS;
    }

    /**
     * Refuses to listen beyond this machine without accounts, unless the operator said the network is
     * trusted ({@code AUTH_MODE=open}): otherwise anyone who can reach the port spends the API keys.
     *
     * @throws ConfigException naming AUTH_MODE and how to set it
     */
    public void checkBind(String bindHost) {
        if (mode == Mode.LOCAL && !isLoopback(bindHost)) {
            throw new ConfigException(List.of("HOST=" + bindHost + " (or serve --host) listens beyond this machine, but AUTH_MODE=local "
                    + "(the default) has no accounts, so anyone who could reach the port could use it and spend. Set AUTH_MODE=accounts "
                    + "(users sign in; create them with: fableforge users add NAME), or AUTH_MODE=open on a network you trust, "
                    + "or listen on " + DEFAULT_HOST + " (serve --host " + DEFAULT_HOST + ")"));
        }
    }

    /** What the log should say at every start. */
    public List<String> warnings(String bindHost) {
        if (mode == Mode.OPEN) {
            return List.of("AUTH_MODE=open: no accounts, listening on " + bindHost
                    + "; anyone who can reach the port can make stories and spend on the configured providers");
        }
        return List.of();
    }

    /**
     * Whether {@code host} names only this machine: 127.0.0.0/8, ::1 (also written [::1]) or a name that
     * resolves to loopback addresses only. The wildcard 0.0.0.0 (every interface) is not.
     */
    public static boolean isLoopback(String host) {
        String bare = host.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (bare.isEmpty()) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
