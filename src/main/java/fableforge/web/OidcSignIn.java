package fableforge.web;

import fableforge.auth.OidcSettings;
import fableforge.auth.Accounts;
import fableforge.auth.OidcClient;
import fableforge.auth.Secrets;
import fableforge.store.OidcLoginRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in through the OpenID Connect provider (OIDC_ISSUER), the authorization code flow:
 * {@code GET /signin/oidc} sends the browser to the provider with a new state, nonce and PKCE challenge,
 * kept in the database for ten minutes (any node may get the browser back) and the state also in a
 * short cookie, so a sign-in started in one browser cannot be finished in another (login CSRF,
 * RFC 6749 §10.12); {@code GET /signin/oidc/callback} takes the state out (once), exchanges the code,
 * checks the ID token and the allow-list, and starts a session as a password sign-in does. Every
 * failure sends the browser to {@code /signin?error=<code>}, which the page explains; the code, the
 * tokens and the state never reach the log.
 */
final class OidcSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
    static final Duration PENDING = Duration.ofMinutes(10);
    /** Sign-ins under way at once, across nodes: anonymous requests cannot fill the table beyond this. */
    static final int MAX_PENDING = 10_000;
    private static final String COOKIE = "ff_oidc";
    private static final String SECURE_COOKIE = "__Host-" + COOKIE;

    private final OidcClient client;
    private final OidcSettings settings;
    private final OidcLoginRepository logins;
    private final Accounts accounts;
    private final Optional<URI> publicBaseUrl;
    private final Clock clock;

    /** @param publicBaseUrl where users open the app (PUBLIC_BASE_URL): the provider sends them back under it */
    OidcSignIn(OidcClient client, OidcSettings settings, OidcLoginRepository logins, Accounts accounts, Optional<URI> publicBaseUrl,
               Clock clock) {
        this.client = client;
        this.settings = settings;
        this.logins = logins;
        this.accounts = accounts;
        this.publicBaseUrl = publicBaseUrl.map(uri -> URI.create(uri.toString().replaceAll("/+$", "")));
        this.clock = clock;
    }

    /** PUBLIC_BASE_URL, or http://localhost with the port this server really listens on (a test's port 0 is known only now). */
    private URI baseUrl(Context ctx) {
        return publicBaseUrl.orElseGet(() -> URI.create("http://localhost:" + ctx.req().getLocalPort()));
    }

    /** The host named on the sign-in page's button. */
    String providerName() {
        return settings.issuerHost();
    }

    void install(JavalinConfig config, Authentication authentication) {
        config.routes.get("/signin/oidc", ctx -> start(ctx, authentication));
        config.routes.get("/signin/oidc/callback", ctx -> callback(ctx, authentication));
    }

    /** The redirect URI registered with the provider. */
    private URI callbackUri(URI baseUrl) {
        return URI.create(baseUrl + "/signin/oidc/callback");
    }

    private void start(Context ctx, Authentication authentication) {
        ctx.header("Cache-Control", "no-store");
        URI baseUrl = baseUrl(ctx);
        // The state cookie must be set on the host the provider sends the browser back to; one hop there first.
        if (!baseUrl.getAuthority().equalsIgnoreCase(String.valueOf(ctx.host())) && ctx.queryParam("hop") == null) {
            ctx.redirect(baseUrl + "/signin/oidc?hop=1", HttpStatus.FOUND);
            return;
        }
        String state = Secrets.random();
        String nonce = Secrets.random();
        // 43 URL-safe characters: within PKCE's 43 to 128 unreserved characters (RFC 7636 §4.1).
        String verifier = Secrets.random();
        URI provider;
        try {
            provider = client.authorizationUrl(state, nonce, verifier, callbackUri(baseUrl));
        } catch (OidcClient.Refused e) {
            fail(ctx, baseUrl, e);
            return;
        }
        if (!logins.add(Secrets.hash(state), nonce, verifier, clock.instant().plus(PENDING), MAX_PENDING)) {
            fail(ctx, baseUrl, new OidcClient.Refused("oidc_busy", MAX_PENDING + " sign-ins are under way already"));
            return;
        }
        boolean secure = authentication.secure(ctx);
        ctx.res().addHeader("Set-Cookie", (secure ? SECURE_COOKIE : COOKIE) + "=" + state + "; Path=/; HttpOnly; SameSite=Lax; Max-Age="
                + PENDING.toSeconds() + (secure ? "; Secure" : ""));
        ctx.redirect(provider.toString(), HttpStatus.FOUND);
    }

    private void callback(Context ctx, Authentication authentication) {
        ctx.header("Cache-Control", "no-store");
        URI baseUrl = baseUrl(ctx);
        String browserState = Optional.ofNullable(ctx.cookie(SECURE_COOKIE)).orElse(ctx.cookie(COOKIE));
        // The state cookie has done its work whatever happens next.
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        if (authentication.secure(ctx)) {
            ctx.res().addHeader("Set-Cookie", SECURE_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
        }
        try {
            String state = ctx.queryParam("state");
            if (state == null || state.isEmpty() || state.length() > 512) {
                throw new OidcClient.Refused("oidc_state", "the provider sent the browser back without a state");
            }
            // Taken out before anything else, so a state works once even when this sign-in fails.
            OidcLoginRepository.Pending pending = logins.take(Secrets.hash(state))
                    .orElseThrow(() -> new OidcClient.Refused("oidc_state", "unknown, used or expired state"));
            if (browserState == null || !MessageDigest.isEqual(browserState.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
                throw new OidcClient.Refused("oidc_state", "the sign-in was started in another browser (no matching state cookie)");
            }
            if (ctx.queryParam("error") != null) {
                throw new OidcClient.Refused("oidc_denied", "the provider did not sign the user in");
            }
            String code = ctx.queryParam("code");
            if (code == null || code.isEmpty() || code.length() > 4096) {
                throw new OidcClient.Refused("oidc_failed", "the provider sent the browser back without a code");
            }
            OidcClient.Identity identity = client.exchange(code, pending.verifier(), pending.nonce(), callbackUri(baseUrl));
            if (!settings.allows(identity.email())) {
                throw new OidcClient.Refused("oidc_not_allowed", identity.email() + " is not on OIDC_ALLOWED");
            }
            Accounts.Session session = accounts.signInWithOidc(identity.issuer(), identity.subject(), identity.email(),
                    settings.isAdmin(identity.email()));
            authentication.setSessionCookie(ctx, session);
            LOG.info("[OIDC] {} signed in as {}", identity.email(), session.caller().name());
            ctx.redirect(baseUrl + "/", HttpStatus.FOUND);
        } catch (OidcClient.Refused e) {
            fail(ctx, baseUrl, e);
        }
    }

    private void fail(Context ctx, URI baseUrl, OidcClient.Refused refused) {
        LOG.info("[OIDC] sign-in refused ({}): {}", refused.code(), refused.getMessage());
        ctx.redirect(baseUrl + "/signin?error=" + refused.code(), HttpStatus.FOUND);
    }
}
