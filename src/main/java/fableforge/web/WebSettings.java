package fableforge.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the HTTP layer, read by {@link fableforge.Config}.
 *
 * @param allowedHosts {@code ALLOWED_HOSTS}: the host names the {@code Host} header may carry, lower case,
 *                     without ports; empty means the loopback names plus the bind address. {@code *} allows any.
 * @param trustProxy   {@code TRUST_PROXY}: the app runs behind a reverse proxy that sets
 *                     {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, so those say what origin the
 *                     browser sees. Off by default: without a proxy a client could set them to anything.
 */
public record WebSettings(Optional<List<String>> allowedHosts, boolean trustProxy) {

    public static final WebSettings DEFAULTS = new WebSettings(Optional.empty(), false);

    public WebSettings {
        allowedHosts = allowedHosts.map(hosts -> hosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).toList());
    }

    /** What {@code ALLOWED_HOSTS} looks like to a reader, or the first problem with it. */
    public static Optional<String> problem(List<String> hosts) {
        for (String host : hosts) {
            if (host.equals("*")) {
                continue;
            }
            if (host.contains("/") || host.contains("@") || host.contains(" ") || (host.contains(":") && !host.startsWith("["))) {
                return Optional.of("ALLOWED_HOSTS=" + String.join(",", hosts) + ": '" + host
                        + "' is not a host name; list names such as stories.example.com,localhost (no scheme or port; IPv6 in brackets)");
            }
        }
        return Optional.empty();
    }

    /** The names a request's Host may carry when the server listens on {@code bindHost}; {@code *} in the list allows any. */
    public List<String> hostsFor(String bindHost) {
        if (allowedHosts.isPresent()) {
            return allowedHosts.get();
        }
        List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "[::1]"));
        String bind = bindHost == null ? "" : bindHost.strip().toLowerCase(Locale.ROOT);
        if (bind.contains(":") && !bind.startsWith("[")) {
            bind = "[" + bind + "]";
        }
        if (!bind.isEmpty() && !bind.equals("0.0.0.0") && !bind.equals("[::]") && !bind.equals("[::0]") && !hosts.contains(bind)) {
            hosts.add(bind);
        }
        return List.copyOf(hosts);
    }
}
