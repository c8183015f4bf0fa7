package fableforge.web;

import fableforge.App;
import fableforge.Config;
import fableforge.auth.Accounts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The app with {@code AUTH_MODE=accounts}, and three accounts made as {@code fableforge users add} makes
 * them: ada and bob, users, and root, an admin. Requests go as anyone, or as nobody.
 */
final class AccountsApp implements AutoCloseable {

    /** A password the rules accept, for the tests that set one. */
    static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestApp app;
    private final Accounts.NewAccount ada;
    private final Accounts.NewAccount bob;
    private final Accounts.NewAccount root;

    private AccountsApp(TestApp app, Accounts accounts) {
        this.app = app;
        this.ada = accounts.add("ada", false);
        this.bob = accounts.add("bob", false);
        this.root = accounts.add("root", true);
    }

    static AccountsApp start(Path dir) throws Exception {
        Map<String, String> env = Map.of("AUTH_MODE", "accounts");
        TestApp app = TestApp.start(env, dir);
        Accounts accounts = App.accounts(Config.load(env, dir.resolve("none.env")), app.server().database(), app.server().port(),
                Clock.systemUTC());
        return new AccountsApp(app, accounts);
    }

    TestApp app() {
        return app;
    }

    Accounts.NewAccount ada() {
        return ada;
    }

    Accounts.NewAccount bob() {
        return bob;
    }

    Accounts.NewAccount root() {
        return root;
    }

    /** A request with only {@code headers} (name, value, ...): no account unless they carry one. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with {@code account}'s API token. */
    HttpResponse<String> as(Accounts.NewAccount account, String method, String path, String body) throws Exception {
        return send(method, path, body, "Authorization", "Bearer " + account.token());
    }

    /** The secret of the account's sign-in link, as the sign-in page posts it. */
    static String linkOf(Accounts.NewAccount account) {
        String url = account.signInLink().toString();
        return url.substring(url.indexOf("link=") + 5);
    }

    static String cookieValue(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
                .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).findFirst().orElseThrow();
    }

    @Override
    public void close() throws Exception {
        app.close();
    }
}
