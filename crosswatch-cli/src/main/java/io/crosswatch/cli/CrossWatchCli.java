package io.crosswatch.cli;

import io.crosswatch.api.Api;
import io.crosswatch.cli.internal.ErrorReporter;
import io.crosswatch.cli.internal.Logging;
import io.crosswatch.cli.internal.RootCommand;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The {@code crosswatch} command line. {@link #main} runs it in this process and exits with its
 * code; {@link #run} runs it against any {@link CliEnvironment} and returns the code.
 *
 * <p>Exit codes: {@code 0} success, {@code 1} partial (some pairs or items did not sync), {@code
 * 2} failure or a usage error. Errors are one line plus a hint; {@code --verbose} adds the stack
 * trace.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class CrossWatchCli {

    private CrossWatchCli() {
    }

    /**
     * Runs the command line in this process and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        CliEnvironment env = CliEnvironment.system();
        int code = run(env, args);
        env.out().flush();
        env.err().flush();
        System.exit(code);
    }

    /**
     * @param env  what to run against
     * @param args the arguments
     * @return the exit code
     */
    public static int run(CliEnvironment env, String... args) {
        return commandLine(env).execute(args);
    }

    /** The picocli command line, with streams, logging and error handling set up. */
    private static CommandLine commandLine(CliEnvironment env) {
        Objects.requireNonNull(env, "env");
        RootCommand root = new RootCommand(env);
        CommandLine cl = new CommandLine(root);
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parsed -> {
            Logging.configure(root.verbose());
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((e, line, parsed) -> ErrorReporter.report(e, env.err(), root.verbose()));
        return cl;
    }
}
