package fableforge.cli;

import fableforge.App;
import fableforge.Config;
import fableforge.auth.Accounts;
import fableforge.store.Account;
import fableforge.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fableforge users}: the accounts of {@code AUTH_MODE=accounts}, kept in the same database as the
 * stories ({@code --data DIR}, or {@code DATABASE_URL}). There is no sign-up page: an operator adds
 * users here and hands each their one-time sign-in link (or API token).
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Adds, lists and removes the users who may sign in (AUTH_MODE=accounts).",
                "Each user gets a one-time sign-in link to set a password, and an API token."})
public final class UsersCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The command with its subcommands, each opening the store {@code config} names. */
    public static CommandLine command(Supplier<Config> config) {
        CommandLine line = new CommandLine(new UsersCommand());
        line.addSubcommand("add", new Add(config));
        line.addSubcommand("token", new Token(config));
        line.addSubcommand("link", new Link(config));
        line.addSubcommand("list", new ListUsers(config));
        line.addSubcommand("remove", new Remove(config));
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --data DIR}, as {@code serve} has it. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR", description = "Where the database lives (default: $FABLEFORGE_DATA_DIR or ./data; DATABASE_URL wins)")
        Path dataDir;
    }

    /** Opens the store, runs {@code work} on the accounts, closes; a refused request prints why and exits 2. */
    abstract static class Step implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        private final Supplier<Config> config;

        Step(Supplier<Config> config) {
            this.config = config;
        }

        @Override
        public final Integer call() {
            Config settings = config.get();
            Path dir = data.dataDir != null ? data.dataDir : settings.dataDir();
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = App.openDatabase(settings, dir)) {
                run(App.accounts(settings, database, settings.port(), Clock.systemUTC()), out);
                out.flush();
                return 0;
            } catch (Accounts.AccountException e) {
                spec.commandLine().getErr().println("fableforge users " + spec.name() + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 2;
            }
        }

        abstract void run(Accounts accounts, PrintWriter out);
    }

    static void printToken(PrintWriter out, String token) {
        out.println("API token (shown only now; keep it secret). Send it with every API request as this header:");
        // The last line, alone, so a script can take it with `tail -1`.
        out.println("Authorization: Bearer " + token);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user and prints a one-time sign-in link (valid 24 hours) to set a password in the browser,",
                    "then, on the last line, an API token."})
    static final class Add extends Step {
        @Parameters(paramLabel = "NAME", description = "1 to 64 letters, digits, dots, dashes or underscores")
        String name;

        @Option(names = "--admin", description = "sees every user's stories and the health details")
        boolean admin;

        Add(Supplier<Config> config) {
            super(config);
        }

        @Override
        void run(Accounts accounts, PrintWriter out) {
            Accounts.NewAccount added = accounts.add(name, admin);
            out.println("Added " + (admin ? "admin " : "user ") + name + ".");
            out.println("Sign-in link (works once, for 24 hours): open it to choose a password:");
            out.println("  " + added.signInLink());
            printToken(out, added.token());
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issues a new API token; earlier tokens keep working unless --revoke-others.")
    static final class Token extends Step {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--revoke-others", description = "every earlier token of this user stops working")
        boolean revokeOthers;

        Token(Supplier<Config> config) {
            super(config);
        }

        @Override
        void run(Accounts accounts, PrintWriter out) {
            String token = accounts.token(name, revokeOthers);
            if (revokeOthers) {
                out.println("Every earlier token of " + name + " is revoked.");
            }
            printToken(out, token);
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Prints a new one-time sign-in link (valid 24 hours), to set a new password.")
    static final class Link extends Step {
        @Parameters(paramLabel = "NAME")
        String name;

        Link(Supplier<Config> config) {
            super(config);
        }

        @Override
        void run(Accounts accounts, PrintWriter out) {
            out.println("Sign-in link for " + name + " (works once, for 24 hours): open it to choose a password:");
            out.println("  " + accounts.link(name));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
    static final class ListUsers extends Step {
        ListUsers(Supplier<Config> config) {
            super(config);
        }

        @Override
        void run(Accounts accounts, PrintWriter out) {
            java.util.List<Account> all = accounts.list();
            if (all.isEmpty()) {
                out.println("No users yet; add one with: fableforge users add NAME [--admin]");
                return;
            }
            Function<Account, String> role = account -> account.admin() ? "admin" : "user";
            out.printf("%-24s %-6s %-13s %s%n", "NAME", "ROLE", "PASSWORD", "CREATED");
            for (Account account : all) {
                out.printf("%-24s %-6s %-13s %s%n", account.name(), role.apply(account),
                        account.passwordHash().isPresent() ? "set" : "not set yet", account.createdAt());
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a user with their tokens and sessions; their stories stay (admins still see them).")
    static final class Remove extends Step {
        @Parameters(paramLabel = "NAME")
        String name;

        Remove(Supplier<Config> config) {
            super(config);
        }

        @Override
        void run(Accounts accounts, PrintWriter out) {
            accounts.remove(name);
            out.println("Removed " + name + "; their tokens and sessions no longer work. Their stories stay.");
        }
    }
}
