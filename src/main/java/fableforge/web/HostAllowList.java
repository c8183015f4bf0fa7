package fableforge.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests whose {@code Host} is not one of ours (421 Misdirected Request, RFC 9110 §15.5.20).
 * This is what stops DNS rebinding: a page on attacker.example whose name is re-pointed at 127.0.0.1
 * reaches this server, but its requests still say {@code Host: attacker.example}. The port is ignored.
 */
public final class HostAllowList implements Handler {

    private final Set<String> hosts;
    private final boolean any;

    public HostAllowList(List<String> hosts) {
        this.any = hosts.contains("*");
        this.hosts = Set.copyOf(hosts);
    }

    @Override
    public void handle(Context ctx) {
        if (any) {
            return;
        }
        String host = hostName(ctx.header("Host"));
        if (host == null || !hosts.contains(host)) {
            throw new Refusal(421, "misdirected_request", "this server does not answer for that host name; "
                    + "add it to ALLOWED_HOSTS (comma-separated host names) if it is really this server's name");
        }
    }

    /** The Host header's name in lower case, without the port; {@code [v6]} kept in brackets. Null when absent. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? null : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
