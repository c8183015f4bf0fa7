package fableforge.auth;

import fableforge.settings.Redacted;
import fableforge.settings.SettingsReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-in through an OpenID Connect provider (issue 13, optional), on only with {@code AUTH_MODE=accounts}
 * and {@code OIDC_ISSUER} set. Nobody gets in by default: {@code OIDC_ALLOWED} names who may.
 *
 * @param issuer       the provider's issuer identifier, exactly as its discovery document says it
 * @param clientId     this app's client id at the provider
 * @param clientSecret its secret (client_secret_basic): never in toString, and scrubbed from what users and logs see
 * @param allowed      lower-case e-mail addresses and {@code @domain} entries whose verified e-mail may sign in
 * @param admins       lower-case e-mail addresses whose accounts are admins (they may sign in too)
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, List<String> allowed, List<String> admins) {

    /** Enough to tell an address from a typo (one @, something on both sides, a dot in the domain); the provider verified it. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final Pattern DOMAIN = Pattern.compile("@[^@\\s,]+\\.[^@\\s,]+");

    public static Optional<OidcSettings> read(SettingsReader reader, Access.Mode mode) {
        Optional<String> issuerText = reader.text("OIDC_ISSUER");
        if (issuerText.isEmpty()) {
            for (String other : List.of("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ALLOWED", "OIDC_ADMINS")) {
                if (reader.text(other).isPresent()) {
                    reader.problem(other + " is set but OIDC_ISSUER is not: set OIDC_ISSUER to the provider's issuer URL "
                            + "(such as https://accounts.google.com), or remove " + other);
                }
            }
            return Optional.empty();
        }
        if (mode != Access.Mode.ACCOUNTS) {
            reader.problem("OIDC_ISSUER is set but AUTH_MODE=" + mode.id() + " has no accounts to sign in to: set AUTH_MODE=accounts, "
                    + "or remove OIDC_ISSUER");
            return Optional.empty();
        }
        Optional<URI> issuer = issuer(reader, issuerText.get());
        Optional<String> clientId = required(reader, "OIDC_CLIENT_ID", "the client id the provider gave this app");
        Optional<String> secret = required(reader, "OIDC_CLIENT_SECRET", "the client secret the provider gave this app");
        List<String> allowed = reader.words("OIDC_ALLOWED").stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        if (allowed.isEmpty()) {
            reader.problem("OIDC_ALLOWED is required with OIDC_ISSUER, so that nobody gets in by default: a comma list of "
                    + "e-mail addresses and @domain entries, such as ada@example.org,@example.com");
        }
        for (String entry : allowed) {
            if (!EMAIL.matcher(entry).matches() && !DOMAIN.matcher(entry).matches()) {
                reader.problem("OIDC_ALLOWED: \"" + entry + "\" is neither an e-mail address (ada@example.org) nor a domain (@example.org)");
            }
        }
        List<String> admins = reader.words("OIDC_ADMINS").stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        for (String entry : admins) {
            if (!EMAIL.matcher(entry).matches()) {
                reader.problem("OIDC_ADMINS: \"" + entry + "\" is not an e-mail address (admins are named one by one, never by domain)");
            }
        }
        if (issuer.isEmpty() || clientId.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OidcSettings(issuer.get(), clientId.get(), secret.get(), allowed, admins));
    }

    /** An https URL, or http on this machine only (a test or a provider beside the app): the ID token's keys come from it. */
    private static Optional<URI> issuer(SettingsReader reader, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean valid = uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
            if (valid && scheme.equals("https")) {
                return Optional.of(uri);
            }
            if (valid && scheme.equals("http")) {
                if (Access.isLoopback(uri.getHost())) {
                    return Optional.of(uri);
                }
                reader.problem("OIDC_ISSUER=" + text + ": must be https (http only for a provider on this machine), "
                        + "or anyone on the way could forge who signs in");
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        reader.problem("OIDC_ISSUER=" + text + ": must be the provider's issuer URL, such as https://accounts.google.com");
        return Optional.empty();
    }

    private static Optional<String> required(SettingsReader reader, String name, String what) {
        Optional<String> value = reader.text(name);
        if (value.isEmpty()) {
            reader.problem(name + " is required with OIDC_ISSUER: " + what);
        }
        return value;
    }

    /** Whether this (verified) e-mail may sign in: listed itself, its domain listed, or an admin. */
    public boolean allows(String email) {
        String address = email.toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        return at > 0 && (allowed.contains(address) || allowed.contains(address.substring(at)) || admins.contains(address));
    }

    public boolean isAdmin(String email) {
        return admins.contains(email.toLowerCase(Locale.ROOT));
    }

    /** The host shown on the sign-in button ("Sign in with accounts.google.com"). */
    public String issuerHost() {
        return issuer.getHost();
    }

    @Override
    public String toString() {
        return Redacted.describe(this, "clientSecret");
    }
}
