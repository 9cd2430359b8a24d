package dev.shmem.demo;

import dev.shmem.demo.article.PoolPrimesCommand;
import dev.shmem.demo.article.ProcessCommand;
import dev.shmem.demo.article.ProducerConsumerCommand;
import dev.shmem.demo.article.SemaphoreCommand;
import dev.shmem.demo.article.SeqVsParallelCommand;
import dev.shmem.demo.article.ValueArrayCommand;
import dev.shmem.demo.dict.ManagerDictCommand;
import dev.shmem.demo.counter.CounterRaceCommand;
import dev.shmem.demo.stat.StatCommand;
import dev.shmem.demo.support.Interruption;
import dev.shmem.demo.sync.BarrierCommand;
import dev.shmem.demo.sync.ConditionCommand;
import dev.shmem.demo.sync.EventCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The {@code shm-demo} command line: {@code java -jar shm-demo.jar SUBCOMMAND [OPTIONS]}.
 *
 * <h2>Adding a demo</h2>
 * A demo is one picocli {@code @Command} class implementing {@code Callable<Integer>} (the exit status), listed
 * in {@code subcommands} below. It writes to {@code spec.commandLine().getOut()} / {@code getErr()} (so tests can
 * capture output) and reports expected failures by throwing {@link DemoException}, which is printed as one line
 * (a usage error adds a line pointing to {@code --help}, as for an option picocli cannot parse).
 *
 * <h2>Exit status</h2>
 * 0 success, 1 failure (a child failed, a file is not a region, I/O), 2 bad usage.
 */
@Command(
    name = "shm-demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Demos of shm, shared memory for JVM processes in the style of Python's multiprocessing.",
    subcommands = {
        CounterRaceCommand.class,
        StatCommand.class,
        ProcessCommand.class,
        PoolPrimesCommand.class,
        ProducerConsumerCommand.class,
        ValueArrayCommand.class,
        SemaphoreCommand.class,
        SeqVsParallelCommand.class,
        EventCommand.class,
        BarrierCommand.class,
        ConditionCommand.class,
        ManagerDictCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer>
{
    /** Exit status of a failed run. */
    public static final int EXIT_FAILURE = CommandLine.ExitCode.SOFTWARE;
    /** Exit status of a bad command line. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        final int status = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(status);
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param out  standard output.
     * @param err  standard error.
     * @param args command-line arguments.
     * @return the exit status.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Main::handle);
        commandLine.setParameterExceptionHandler(Main::badUsage);
        Interruption.runStarted();
        try
        {
            return commandLine.execute(args);
        }
        finally
        {
            Interruption.runEnded();
            out.flush();
            err.flush();
        }
    }

    /**
     * Without a subcommand: prints the usage and fails.
     *
     * @return {@link #EXIT_USAGE}.
     */
    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("shm-demo: missing subcommand");
        spec.commandLine().usage(err);
        return EXIT_USAGE;
    }

    private static int handle(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        final String command = commandLine.getCommandSpec().qualifiedName();
        if (Interruption.isStopping())
        {
            // Stopped from outside: the shutdown hook says so; what failed now is its doing.
            return EXIT_FAILURE;
        }
        if (ex instanceof DemoException)
        {
            err.println(command + ": " + ex.getMessage());
            final int exitCode = ((DemoException)ex).exitCode();
            if (exitCode == EXIT_USAGE)
            {
                err.println(helpHint(commandLine));
            }
            return exitCode;
        }
        if (ex instanceof IOException)
        {
            err.println(command + ": " + ex);
            return EXIT_FAILURE;
        }
        err.println(command + ": unexpected error (a bug in the demo, please report it): " + ex);
        ex.printStackTrace(err);
        return EXIT_FAILURE;
    }

    /**
     * A command line picocli cannot parse (an unknown option, {@code --processes abc}): one line naming the problem
     * and a hint, as for a value out of range, instead of the whole usage.
     */
    private static int badUsage(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(helpHint(commandLine));
        return EXIT_USAGE;
    }

    private static String helpHint(final CommandLine commandLine)
    {
        return "Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.";
    }

    /**
     * Reads the version from the jar manifest ({@code Implementation-Version}).
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = Main.class.getPackage().getImplementationVersion();
            return new String[]{ "shm-demo " + (version == null ? "(development build)" : version) };
        }
    }
}
