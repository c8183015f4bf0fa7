package fableforge;

import fableforge.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import fableforge.auth.Accounts;
import fableforge.auth.Caller;
import fableforge.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int users(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] full = new String[args.length + 3];
        full[0] = "users";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data";
        full[args.length + 2] = dir.toString();
        return Main.run(full, Map.of("PUBLIC_BASE_URL", "https://stories.example.org"), dir.resolve("none.env"),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    /** The caller an API token stands for, asked of the same store the command wrote. */
    private Optional<Caller> callerFor(String token) {
        Config config = Config.load(Map.of(), dir.resolve("none.env"));
        try (Database database = Database.open(dir)) {
            return App.accounts(config, database, 8080, Clock.systemUTC()).callerForToken(token);
        }
    }

    private String tokenOnLastLine() {
        String last = lines().getLast();
        assertThat(last).startsWith("Authorization: Bearer ff_");
        return last.substring("Authorization: Bearer ".length());
    }

    @Test
    void addPrintsAOneTimeSignInLinkOnThePublicAddressAndAWorkingTokenOnTheLastLine() {
        assertThat(users("add", "ada", "--admin")).isEqualTo(0);

        assertThat(out.toString()).contains("https://stories.example.org/signin?link=");
        String token = tokenOnLastLine();
        assertThat(callerFor(token)).get().extracting(Caller::name, Caller::admin).containsExactly("ada", true);
    }

    @Test
    void listShowsEachUserWithRoleAndWhetherAPasswordIsSet() {
        users("add", "ada", "--admin");
        users("add", "bob");

        assertThat(users("list")).isEqualTo(0);

        assertThat(lines()).anySatisfy(line -> assertThat(line).contains("ada", "admin", "not set yet"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).contains("bob", "user"));
    }

    @Test
    void aNewTokenLeavesOldOnesWorkingUnlessOthersAreRevoked() {
        users("add", "ada");
        String first = tokenOnLastLine();
        users("token", "ada");
        String second = tokenOnLastLine();

        assertThat(callerFor(first)).isPresent();
        assertThat(callerFor(second)).isPresent();

        assertThat(users("token", "ada", "--revoke-others")).isEqualTo(0);
        String third = tokenOnLastLine();
        assertThat(callerFor(first)).isEmpty();
        assertThat(callerFor(second)).isEmpty();
        assertThat(callerFor(third)).isPresent();
    }

    @Test
    void removeEndsTheUsersTokens() {
        users("add", "ada");
        String token = tokenOnLastLine();

        assertThat(users("remove", "ada")).isEqualTo(0);

        assertThat(callerFor(token)).isEmpty();
        users("list");
        assertThat(out.toString()).doesNotContain("ada");
    }

    @Test
    void linkPrintsANewSignInLink() {
        users("add", "ada");

        assertThat(users("link", "ada")).isEqualTo(0);

        assertThat(out.toString()).contains("https://stories.example.org/signin?link=");
    }

    @Test
    void aTakenNameABadNameOrAnUnknownUserIsExplainedWithExitCode2() {
        users("add", "ada");

        assertThat(users("add", "ada")).isEqualTo(2);
        assertThat(err.toString()).contains("already a user named ada");

        assertThat(users("add", "ada lovelace")).isEqualTo(2);
        assertThat(err.toString()).contains("1 to 64 letters, digits, dots, dashes or underscores");
        assertThat(users("add", "x".repeat(65))).isEqualTo(2);

        assertThat(users("token", "nobody")).isEqualTo(2);
        assertThat(err.toString()).contains("no user named nobody");
        assertThat(users("remove", "nobody")).isEqualTo(2);
    }

    @Test
    void theLinkSetsAPasswordOnceThroughTheSameAccounts() {
        users("add", "ada");
        String url = lines().stream().filter(line -> line.contains("/signin?link=")).findFirst().orElseThrow().strip();
        String link = url.substring(url.indexOf("link=") + 5);
        Config config = Config.load(Map.of(), dir.resolve("none.env"));
        try (Database database = Database.open(dir)) {
            Accounts accounts = App.accounts(config, database, 8080, Clock.systemUTC());
            assertThat(accounts.setPasswordWithLink(link, "correct horse battery").caller().name()).isEqualTo("ada");
            assertThat(accounts.signIn("ada", "correct horse battery")).isPresent();
            assertThat(accounts.signIn("ada", "wrong horse battery")).isEmpty();
        }
    }
}
