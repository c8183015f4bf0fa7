package fableforge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fableforge.auth.Access;
import fableforge.auth.OidcSettings;
import fableforge.auth.Accounts;
import fableforge.auth.Caller;
import fableforge.auth.OidcClient;
import fableforge.auth.SignInThrottle;
import fableforge.store.OidcLoginRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import fableforge.wire.Answers;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, with {@code AUTH_MODE=accounts}: a before-handler that finds the caller from an API
 * token ({@code Authorization: Bearer ff_...}) or the session cookie and sets it on the request
 * ({@link RequestCaller}); an anonymous request for anything but the sign-in page, its assets and
 * {@code /health} gets 401 (an API) or a redirect to the sign-in page (a page). And the sign-in
 * endpoints themselves. Without accounts nothing of this is installed and every request is
 * {@link Caller#OPEN}.
 */
public final class Authentication {

    static final String COOKIE = "ff_session";
    /** The cookie's name over https: the __Host- prefix makes browsers refuse it unless Secure, Path=/ and host-only. */
    static final String SECURE_COOKIE = "__Host-" + COOKIE;
    private static final Set<String> PUBLIC = Set.of("/health", "/signin", "/signin.html", "/api/signin", "/api/signin/link",
            "/api/signout", "/api/me", "/favicon.ico", "/api/signin/options", "/signin/oidc", "/signin/oidc/callback",
            // Telegram's webhook (TELEGRAM_WEBHOOK_URL): Telegram cannot sign in; the route checks its secret token header.
            "/telegram/webhook");
    private static final String WRONG = "name or password is wrong";
    /** Who a public page is answered for when nobody signed in: never {@link Caller#OPEN}, which may see everything. */
    static final Caller ANONYMOUS = new Caller("", "", false);

    private final Accounts accounts;
    private final Access access;
    private final SignInThrottle throttle;
    private final Optional<OidcSignIn> oidc;
    private static final ObjectMapper WRITER = new ObjectMapper();

    private final StrictJson strictJson = new StrictJson();

    public Authentication(Accounts accounts, Access access, SignInThrottle throttle) {
        this(accounts, access, throttle, Optional.empty());
    }

    private Authentication(Accounts accounts, Access access, SignInThrottle throttle, Optional<OidcSignIn> oidc) {
        this.accounts = accounts;
        this.access = access;
        this.throttle = throttle;
        this.oidc = oidc;
    }

    /**
     * With sign-in through an OpenID Connect provider as well (OIDC_ISSUER): its pending sign-ins kept in
     * {@code logins}, users sent back to PUBLIC_BASE_URL/signin/oidc/callback.
     */
    public static Authentication withOidc(Accounts accounts, Access access, SignInThrottle throttle, OidcSettings settings,
                                          OidcLoginRepository logins, Clock clock) {
        return new Authentication(accounts, access, throttle, Optional.of(new OidcSignIn(new OidcClient(settings, clock), settings,
                logins, accounts, access.publicBaseUrl(), clock)));
    }

    /** Registers the check (before every other handler) and the sign-in endpoints. */
    public void install(JavalinConfig config) {
        config.routes.before(this::identify);
        config.routes.get("/signin", this::signInPage);
        config.routes.post("/api/signin", this::signIn);
        config.routes.post("/api/signin/link", this::signInWithLink);
        config.routes.post("/api/signout", this::signOut);
        config.routes.post("/api/password", this::changePassword);
        // What the sign-in page offers besides name and password.
        config.routes.get("/api/signin/options", ctx -> {
            json(ctx, 200, new Answers.SignInOptions(oidc.isPresent(), oidc.map(OidcSignIn::providerName).orElse(null)));
        });
        oidc.ifPresent(provider -> provider.install(config, this));
        config.routes.get("/api/me", ctx -> {
            Caller caller = signedIn(ctx);
            json(ctx, 200, new Answers.Me(caller.name(), caller.admin()));
        });
    }

    private void identify(Context ctx) {
        Optional<Caller> caller = callerOf(ctx);
        RequestCaller.set(ctx, caller.orElse(ANONYMOUS));
        if (caller.isPresent() || isPublic(ctx.path())) {
            return;
        }
        if (ctx.method().name().equals("GET") && (ctx.path().equals("/") || ctx.path().endsWith(".html"))) {
            // Relative, like every URL of the UI, so it works behind a proxy under any path.
            ctx.redirect("signin", HttpStatus.FOUND);
            ctx.skipRemainingHandlers();
            return;
        }
        throw unauthenticated();
    }

    private Optional<Caller> callerOf(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return accounts.callerForToken(authorization.substring(7).strip());
        }
        return accounts.callerForSession(sessionId(ctx));
    }

    private static boolean isPublic(String path) {
        // The sign-in page's stylesheet and script; they hold no data.
        return PUBLIC.contains(path) || path.startsWith("/css/") || path.startsWith("/js/");
    }

    private void signInPage(Context ctx) throws IOException {
        try (InputStream page = Authentication.class.getResourceAsStream("/web/signin.html")) {
            if (page == null) {
                throw new IllegalStateException("signin.html is missing from the jar");
            }
            ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(page.readAllBytes());
        }
    }

    private void signIn(Context ctx) {
        JsonNode body = body(ctx);
        String name = text(body, "name");
        String password = text(body, "password");
        String address = ctx.ip();
        refuseWhileLocked(name, address);
        Optional<Accounts.Session> session = accounts.signIn(name, password);
        if (session.isEmpty()) {
            throw failed(name, address);
        }
        throttle.succeeded(name, address);
        startSession(ctx, session.get());
    }

    /** The caller of a request that needs a signed-in user, or 401. */
    private static Caller signedIn(Context ctx) {
        Caller caller = RequestCaller.of(ctx);
        if (caller == ANONYMOUS || caller == Caller.OPEN) {
            throw unauthenticated();
        }
        return caller;
    }

    /** 429 while this name has too many wrong passwords from this address (sign-in and password change share the count). */
    private void refuseWhileLocked(String name, String address) {
        Optional<Duration> locked = throttle.locked(name, address);
        if (locked.isPresent()) {
            long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
            throw new Refusal(429, "too_many_attempts", "too many failed sign-ins for this name; try again in " + minutes
                    + " minute" + (minutes == 1 ? "" : "s"), Map.of("Retry-After", String.valueOf(locked.get().toSeconds())));
        }
    }

    private Refusal failed(String name, String address) {
        throttle.failed(name, address);
        return new Refusal(401, "signin_failed", WRONG);
    }

    private void signInWithLink(Context ctx) {
        JsonNode body = body(ctx);
        try {
            startSession(ctx, accounts.setPasswordWithLink(text(body, "link"), text(body, "password")));
        } catch (Accounts.AccountException e) {
            throw new Refusal(400, "signin_link", e.getMessage());
        }
    }

    /** {@code {current_password, new_password}} from a signed-in user; counts against the same throttle as signing in. */
    private void changePassword(Context ctx) {
        Caller caller = signedIn(ctx);
        JsonNode body = body(ctx);
        String address = ctx.ip();
        refuseWhileLocked(caller.name(), address);
        Optional<Accounts.Session> session;
        try {
            session = accounts.changePassword(caller, text(body, "current_password"), text(body, "new_password"));
        } catch (Accounts.AccountException e) {
            throw new Refusal(400, "weak_password", e.getMessage());
        }
        if (session.isEmpty()) {
            throttle.failed(caller.name(), address);
            throw new Refusal(403, "wrong_password", "the current password is wrong");
        }
        throttle.succeeded(caller.name(), address);
        startSession(ctx, session.get());
    }

    private void signOut(Context ctx) {
        accounts.endSession(sessionId(ctx));
        clearCookies(ctx);
        ctx.status(204);
    }

    /** A new session id at every sign-in (the old one, if any, ends), so a planted id never gets signed in. */
    private void startSession(Context ctx, Accounts.Session session) {
        setSessionCookie(ctx, session);
        json(ctx, 200, new Answers.Me(session.caller().name(), session.caller().admin()));
    }

    /** The session's cookie, ending the browser's earlier session if any: every way of signing in ends here. */
    void setSessionCookie(Context ctx, Accounts.Session session) {
        accounts.endSession(sessionId(ctx));
        boolean secure = secure(ctx);
        StringBuilder cookie = new StringBuilder(secure ? SECURE_COOKIE : COOKIE).append('=').append(session.id())
                .append("; Path=/; HttpOnly; SameSite=Lax; Max-Age=").append(access.sessionMax().toSeconds());
        if (secure) {
            cookie.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", cookie.toString());
        ctx.header("Cache-Control", "no-store");
    }

    private void clearCookies(Context ctx) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        if (secure(ctx)) {
            ctx.res().addHeader("Set-Cookie", SECURE_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
        }
    }

    boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return access.secureCookies() || (forwarded != null && forwarded.strip().toLowerCase(Locale.ROOT).startsWith("https"));
    }

    private static String sessionId(Context ctx) {
        String secure = ctx.cookie(SECURE_COOKIE);
        return secure != null ? secure : ctx.cookie(COOKIE);
    }

    /** Sign-in bodies are read like every other JSON body (415 for another type or charset, 400 for a duplicate key). */
    private JsonNode body(Context ctx) {
        return strictJson.read(ctx);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().length() > 1_000) {
            throw new Refusal(400, "bad_request", field + " is required, as text");
        }
        return node.asText();
    }

    private void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(WRITER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of text always writes as JSON", e);
        }
    }

    /** 401, with the scheme a client should answer with (RFC 9110 §11.6.1). */
    private static Refusal unauthenticated() {
        return new Refusal(401, "unauthenticated", "sign in first: send Authorization: Bearer <token> (fableforge users token NAME), or sign in at /signin",
                Map.of("WWW-Authenticate", "Bearer realm=\"fableforge\""));
    }
}
