package fableforge.auth;

import fableforge.store.Account;
import fableforge.store.AccountRepository;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts, their API tokens, browser sessions and one-time sign-in links: what {@code fableforge users}
 * and the web's sign-in do, in one place, so tests make users exactly as the command does.
 */
public final class Accounts {

    public static final Duration LINK_VALIDITY = Duration.ofHours(24);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AccountRepository store;
    private final Passwords passwords;
    private final Clock clock;
    private final URI baseUrl;
    private final Duration sessionIdle;
    private final Duration sessionMax;

    /**
     * @param baseUrl     where users open the app (sign-in links start with it)
     * @param sessionIdle a session unused this long ends
     * @param sessionMax  a session ends this long after sign-in, however much it is used
     */
    public Accounts(AccountRepository store, Passwords passwords, Clock clock, URI baseUrl, Duration sessionIdle, Duration sessionMax) {
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.sessionIdle = sessionIdle;
        this.sessionMax = sessionMax;
    }

    /** A new account: its sign-in link (to set a password in the browser) and its first API token. */
    public record NewAccount(Account account, URI signInLink, String token) {
    }

    /** A signed-in browser session: the id goes in the cookie, only its hash in the store. */
    public record Session(String id, Caller caller) {
    }

    /** A request the accounts cannot do, with what to do instead. */
    public static final class AccountException extends RuntimeException {
        public AccountException(String message) {
            super(message);
        }
    }

    public NewAccount add(String name, boolean admin) {
        checkName(name);
        String id = Secrets.id();
        if (!store.create(id, name, admin)) {
            throw new AccountException("there is already a user named " + name + "; choose another name, or see: fableforge users list");
        }
        Account account = store.findById(id).orElseThrow();
        return new NewAccount(account, newLink(account), newToken(account));
    }

    /** A new API token for {@code name}; with {@code revokeOthers} every earlier token stops working. */
    public String token(String name, boolean revokeOthers) {
        Account account = existing(name);
        String token = newToken(account);
        if (revokeOthers) {
            store.revokeTokensExcept(account.id(), Secrets.hash(token));
        }
        return token;
    }

    /** A new one-time sign-in link for {@code name}, valid {@link #LINK_VALIDITY}. */
    public URI link(String name) {
        return newLink(existing(name));
    }

    public List<Account> list() {
        return store.list();
    }

    /** Removes the account, its tokens and sessions; its stories stay. */
    public void remove(String name) {
        store.delete(existing(name).id());
    }

    public Optional<String> nameOf(String accountId) {
        return store.findById(accountId).map(Account::name);
    }

    public Optional<Caller> callerForToken(String token) {
        if (token == null || !token.startsWith(Secrets.TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return store.useToken(Secrets.hash(token)).map(Accounts::caller);
    }

    /**
     * The session's caller, if it has been used within the idle time and is not past its maximum age;
     * using it slides the idle end. An ended session is deleted.
     */
    public Optional<Caller> callerForSession(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        String hash = Secrets.hash(sessionId);
        Optional<AccountRepository.Session> session = store.findSession(hash);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.get().expiresAt()) || !now.isBefore(session.get().lastSeen().plus(sessionIdle))) {
            store.deleteSession(hash);
            return Optional.empty();
        }
        // One write a minute at most: a page polling every second need not write every second.
        if (Duration.between(session.get().lastSeen(), now).toSeconds() >= 60) {
            store.touchSession(hash);
        }
        return Optional.of(caller(session.get().account()));
    }

    /** Signs in with name and password: a new session, or empty (the caller says only "name or password is wrong"). */
    public Optional<Session> signIn(String name, String password) {
        Optional<Account> account = name == null ? Optional.empty() : store.findByName(name);
        if (account.isEmpty() || account.get().passwordHash().isEmpty()) {
            passwords.verifyNothing(password);
            return Optional.empty();
        }
        if (!passwords.verify(password, account.get().passwordHash().get())) {
            return Optional.empty();
        }
        return Optional.of(newSession(account.get()));
    }

    /**
     * Sets the password through a sign-in link, which then is used up, and signs in.
     *
     * @throws AccountException when the password breaks a rule (the link stays usable) or the link is unknown, used or expired
     */
    public Session setPasswordWithLink(String link, String password) {
        String hash = Secrets.hash(link == null ? "" : link);
        Account account = store.peekLink(hash).orElseThrow(Accounts::linkUnusable);
        Passwords.problem(account.name(), password).ifPresent(problem -> {
            throw new AccountException(problem);
        });
        String encoded = passwords.hash(password);
        Account used = store.useLink(hash).orElseThrow(Accounts::linkUnusable);
        store.setPassword(used.id(), encoded);
        return newSession(used);
    }

    /**
     * Changes a signed-in user's password, proved by the current one (ASVS 2.1.5, 2.1.6). Every browser
     * session of the account ends and a new one starts for this browser; API tokens keep working.
     *
     * @return the new session, or empty when the current password is wrong
     * @throws AccountException when the new password breaks a rule
     */
    public Optional<Session> changePassword(Caller caller, String current, String next) {
        Optional<Account> account = store.findById(caller.userId());
        if (account.isEmpty() || account.get().passwordHash().isEmpty()) {
            passwords.verifyNothing(current);
            return Optional.empty();
        }
        if (!passwords.verify(current == null ? "" : current, account.get().passwordHash().get())) {
            return Optional.empty();
        }
        Passwords.problem(account.get().name(), next).ifPresent(problem -> {
            throw new AccountException(problem);
        });
        store.setPassword(account.get().id(), passwords.hash(next));
        store.deleteSessionsOf(account.get().id());
        return Optional.of(newSession(account.get()));
    }

    /**
     * Signs in someone an OpenID Connect provider vouched for: the account linked to the provider's
     * {@code issuer} and {@code subject} (made on first sign-in, named after the e-mail), with its admin
     * flag as the configuration now says, and a new session. The e-mail only names a new account: the
     * same person keeps the same account when it changes.
     */
    public Session signInWithOidc(String issuer, String subject, String email, boolean admin) {
        Account account = store.findByOidc(issuer, subject).orElseGet(() -> {
            try {
                return store.createForOidc(Secrets.id(), nameFor(email), admin, issuer, subject);
            } catch (RuntimeException e) {
                // Another node made the same person's account (or took the name) at the same moment.
                return store.findByOidc(issuer, subject).orElseGet(() -> store.createForOidc(Secrets.id(), nameFor(email), admin, issuer, subject));
            }
        });
        if (account.admin() != admin) {
            store.setAdmin(account.id(), admin);
            account = store.findById(account.id()).orElseThrow();
        }
        return newSession(account);
    }

    /**
     * A user name from an e-mail's local part, within the name rules ({@link #NAME}): other characters
     * become '-', at most 56 characters so "-NN" still fits when the name is taken; "user" when nothing is left.
     */
    static String nameFor(String email) {
        String local = email.substring(0, Math.max(0, email.lastIndexOf('@')));
        String name = local.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (name.length() > 56) {
            name = name.substring(0, 56);
        }
        return name.isEmpty() ? "user" : name;
    }

    /** Ends the session (sign-out). */
    public void endSession(String sessionId) {
        if (sessionId != null && !sessionId.isBlank()) {
            store.deleteSession(Secrets.hash(sessionId));
        }
    }

    private Session newSession(Account account) {
        String id = Secrets.random();
        store.createSession(account.id(), Secrets.hash(id), clock.instant().plus(sessionMax));
        return new Session(id, caller(account));
    }

    private String newToken(Account account) {
        String token = Secrets.token();
        store.addToken(account.id(), Secrets.hash(token));
        return token;
    }

    private URI newLink(Account account) {
        String link = Secrets.random();
        store.addLink(account.id(), Secrets.hash(link), clock.instant().plus(LINK_VALIDITY));
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + "/signin?link=" + URLEncoder.encode(link, StandardCharsets.UTF_8));
    }

    private Account existing(String name) {
        checkName(name);
        return store.findByName(name).orElseThrow(() -> new AccountException("there is no user named " + name + "; see: fableforge users list"));
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AccountException("a user name is 1 to 64 letters, digits, dots, dashes or underscores, not \""
                    + (name == null ? "" : name.length() > 70 ? name.substring(0, 70) + "..." : name) + "\"");
        }
    }

    private static AccountException linkUnusable() {
        return new AccountException("this sign-in link is unknown, already used or expired; ask for a new one (fableforge users link NAME)");
    }

    private static Caller caller(Account account) {
        return new Caller(account.id(), account.name(), account.admin());
    }
}
