package fableforge.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import fableforge.App;
import fableforge.Config;
import fableforge.auth.Accounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AUTH_MODE=accounts in the browser: the sign-in page, a sign-in link, one's own stories, signing out. */
class SignInBrowserTest extends BrowserTest {

    private static final String PASSWORD = "a fox in the snow";
    private Accounts accounts;

    @Override
    Map<String, String> env() {
        return Map.of("AUTH_MODE", "accounts");
    }

    @BeforeAll
    void makeAccounts() {
        accounts = App.accounts(Config.load(env(), data.resolve("none.env")), server.database(), server.port(), Clock.systemUTC());
    }

    /** A story submitted through the API as this user (their token); the hero's name. */
    private void storyOf(Accounts.NewAccount user, String hero) throws Exception {
        var quiz = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(Files.readString(Path.of("examples/red-fox.json")));
        quiz.put("character_name", hero);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "submit"))
                .POST(HttpRequest.BodyPublishers.ofString(quiz.toString())).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + user.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private Locator myStories() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My stories")).click();
        return page.locator("#stories-list a.story-item");
    }

    @Test
    void aSignInLinkSetsThePasswordAndShowsOnlyOnesOwnStoriesUntilSigningOut() throws Exception {
        Accounts.NewAccount ada = accounts.add("ada", false);
        Accounts.NewAccount bob = accounts.add("bob", false);
        storyOf(ada, "Amber");
        storyOf(bob, "Bramble");

        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile("/signin$"));

        page.navigate(ada.signInLink().toString().replaceFirst("^http://localhost:\\d+/", baseUrl()));
        assertThat(page.locator("#signin-title")).hasText("Choose your password");
        assertThat(page).hasURL(Pattern.compile("/signin$")); // the one-time link is out of the address bar
        page.locator("#signin-password").fill("short");
        page.locator("#signin-submit").click();
        assertThat(page.locator("#signin-error")).containsText("at least 12");
        page.locator("#signin-password").fill(PASSWORD);
        page.locator("#signin-show").check();
        assertThat(page.locator("#signin-password")).hasAttribute("type", "text");
        page.locator("#signin-show").uncheck();
        assertThat(page.locator("#signin-password")).hasAttribute("type", "password");
        page.locator("#signin-submit").click();

        assertThat(page.locator("#account-name")).hasText("ada");
        screenshot("signin-signed-in");
        Locator stories = myStories();
        assertThat(stories).hasCount(1);
        assertThat(stories).containsText("Amber");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(Pattern.compile("/signin$"));
        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile("/signin$"));
    }

    @Test
    void signingInWithNameAndPasswordAndAWrongPasswordSaysSo() throws Exception {
        Accounts.NewAccount cleo = accounts.add("cleo", false);
        String link = cleo.signInLink().toString();
        accounts.setPasswordWithLink(link.substring(link.indexOf("link=") + 5), PASSWORD);
        storyOf(cleo, "Cinder");

        page.navigate("/signin");
        assertThat(page.locator("#signin-title")).hasText("Sign in");
        page.locator("#signin-name").fill("cleo");
        page.locator("#signin-password").fill("not my password");
        page.locator("#signin-submit").click();
        assertThat(page.locator("#signin-error")).hasText("name or password is wrong");
        screenshot("signin-wrong-password");

        page.locator("#signin-password").fill(PASSWORD);
        page.locator("#signin-submit").click();
        assertThat(page.locator("#account-name")).hasText("cleo");
        assertThat(myStories()).containsText("Cinder");

        page.locator("#change-password").click();
        assertThat(page.locator("#signin-title")).hasText("Change your password");
        page.locator("#signin-current").fill(PASSWORD);
        page.locator("#signin-password").fill("cleo's new long passphrase");
        page.locator("#signin-submit").click();
        assertThat(page.locator("#account-name")).hasText("cleo");
        assertThat(accounts.signIn("cleo", PASSWORD)).as("the old password").isEmpty();
        assertThat(accounts.signIn("cleo", "cleo's new long passphrase")).isPresent();
    }
}
