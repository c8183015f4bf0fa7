package fableforge.cli;

import fableforge.settings.ConfigException;
import fableforge.App;
import fableforge.Config;
import fableforge.failure.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code fableforge} command. */
@Command(name = "fableforge",
        mixinStandardHelpOptions = true,
        version = "FableForge 0.1",
        description = "Turns a short quiz into a 20-scene illustrated animal power-fantasy story.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of(".env"),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, Map<String, String> environment, Path dotEnv, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.addSubcommand(new GenerateCommand(() -> new App(Config.load(environment, dotEnv), Clock.systemUTC())));
        commandLine.addSubcommand(new BenchCommand());
        commandLine.addSubcommand("users", UsersCommand.command(() -> Config.load(environment, dotEnv)));
        commandLine.addSubcommand(new ServeCommand(overrides -> {
            Map<String, String> withOptions = new java.util.HashMap<>(environment);
            withOptions.putAll(overrides);
            return new App(Config.load(withOptions, dotEnv), Clock.systemUTC());
        }));
        // After the subcommands: picocli passes writers on only to subcommands it already has.
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof ConfigException || exception instanceof UserFacingException) {
                line.getErr().println("fableforge: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
