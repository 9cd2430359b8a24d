package dev.shmem.demo.support;

import dev.shmem.process.ChildJvm;
import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The child JVMs of one demo run, each with a role ({@code worker}, {@code producer}...): starts them, copies what
 * they print to the demo's output while they run, waits for them with a bound, and turns a failure into a
 * {@link DemoException} naming the child's role, pid, exit, exception and log file (the article's rule: errors in
 * child processes must be visible). Closing kills the children still running and removes the logs of those that
 * succeeded.
 *
 * <pre>{@code
 * try (ChildGroup children = new ChildGroup(out, options)) {
 *     children.start("worker", Worker.class, "A", "500");
 *     out.println("Main: waiting for worker to finish");
 *     children.awaitAll();
 * }
 * }</pre>
 *
 * <h2>Output</h2>
 * Each child's standard output and error go to its own log file ({@link ChildJvm}); the group polls the logs every
 * 10 ms and prints their new complete lines. Lines of one child keep their order; lines of different children are
 * printed in the order the polling finds them, close to but not exactly the order they were written, except lines
 * tagged by {@link OrderedLines#tag} from a counter the children share, which are printed in the counter's order.
 *
 * <h2>Failure modes</h2>
 * A child that exits with a status other than 0, or still runs when the timeout passes, fails the whole group:
 * the other children are killed and {@link #awaitAll()} throws. Not thread-safe: one thread runs the group.
 */
public final class ChildGroup implements AutoCloseable
{
    private static final long POLL_MILLIS = 10;

    private final PrintWriter out;
    private final OrderedLines lines;
    private final ChildOptions options;
    private final List<Member> members = new ArrayList<>();
    private final long deadline;

    /**
     * @param out     where the children's output is copied.
     * @param options timeout, log directory and failure injection; the timeout starts now.
     */
    public ChildGroup(final PrintWriter out, final ChildOptions options)
    {
        this.out = out;
        this.lines = new OrderedLines(out::println);
        this.options = options;
        this.deadline = System.nanoTime() + options.timeout().toNanos();
    }

    /**
     * Starts a child JVM.
     *
     * @param role      its role, used in messages and by {@code --fail-child}.
     * @param mainClass its main class.
     * @param args      the arguments of its main.
     * @return its pid.
     * @throws IOException if it cannot be started.
     */
    public long start(final String role, final Class<?> mainClass, final String... args) throws IOException
    {
        final ChildJvm child = ChildJvm.builder(mainClass)
            .jvmArgs(options.jvmArgsFor(role))
            .logDirectory(options.logDirectory())
            .args(args)
            .start();
        members.add(new Member(role, child));
        return child.pid();
    }

    /**
     * Waits until every child has exited with status 0, copying their output as it appears.
     *
     * @throws DemoException        if a child fails or the timeout passes (the others are killed).
     * @throws InterruptedException if interrupted (the children are killed by {@link #close()}).
     */
    public void awaitAll() throws InterruptedException
    {
        await(this::allExited, "finish");
        for (final Member member : members)
        {
            member.follower.copyRest(lines::accept);
        }
        lines.flush();
        out.flush();
    }

    /**
     * Waits until a condition holds (the children reached some point), copying their output as it appears.
     *
     * @param condition checked every 10 ms.
     * @param what      what the children were to do, for the timeout message, e.g. {@code get ready}.
     * @throws DemoException        if a child fails, or the condition does not hold within the timeout.
     * @throws InterruptedException if interrupted.
     */
    public void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        while (true)
        {
            final List<String> failures = new ArrayList<>();
            for (final Member member : members)
            {
                member.follower.copyNewLines(lines::accept);
                if (!member.child.isAlive() && member.child.exitValue() != 0)
                {
                    failures.add(member.describe(describeExit(member.child)));
                }
            }
            out.flush();
            if (!failures.isEmpty())
            {
                fail(failures);
            }
            if (condition.getAsBoolean())
            {
                return;
            }
            if (System.nanoTime() - deadline >= 0)
            {
                for (final Member member : members)
                {
                    if (member.child.isAlive())
                    {
                        member.child.kill();
                        failures.add(member.describe("did not " + what + " within " +
                            options.timeout().toSeconds() + " s and was killed"));
                    }
                }
                if (failures.isEmpty())
                {
                    failures.add("the children did not " + what + " within " + options.timeout().toSeconds() + " s");
                }
                fail(failures);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    /**
     * Kills the children still running; removes the logs of the children that exited with status 0.
     */
    @Override
    public void close()
    {
        for (final Member member : members)
        {
            try
            {
                member.child.close();
            }
            catch (final RuntimeException ex)
            {
                // close() kills and waits 10 s; a child that survives SIGKILL is named, the others still stop.
                out.println(ex.getMessage());
            }
        }
        for (final Member member : members)
        {
            if (!member.failed && !member.child.isAlive() && member.child.exitValue() == 0)
            {
                try
                {
                    Files.deleteIfExists(member.child.logFile());
                }
                catch (final IOException ex)
                {
                    // A log that cannot be removed stays in the log directory; nothing depends on it.
                }
            }
        }
        out.flush();
    }

    private boolean allExited()
    {
        for (final Member member : members)
        {
            if (member.child.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    private void fail(final List<String> failures)
    {
        for (final Member member : members)
        {
            if (member.child.isAlive())
            {
                member.child.kill();
            }
            member.follower.copyRest(lines::accept);
        }
        lines.flush();
        out.flush();
        throw new DemoException(Main.EXIT_FAILURE, String.join("\n", failures));
    }

    /**
     * @param child a child that has exited.
     * @return e.g. {@code exited with status 70 after an uncaught exception}.
     */
    static String describeExit(final ChildJvm child)
    {
        final int status = child.exitValue();
        if (child.failure().isPresent())
        {
            return "exited with status " + status + " after an uncaught exception";
        }
        if (status > 128)
        {
            return "exited with status " + status + " (killed by signal " + (status - 128) + ")";
        }
        return "exited with status " + status;
    }

    /**
     * @param trace a stack trace as {@code ChildJvm.failure()} reports it.
     * @return its first line naming the exception, e.g. {@code java.lang.IllegalStateException: boom}.
     */
    static String exceptionSummary(final String trace)
    {
        for (final String line : trace.split("\\R"))
        {
            if (!line.isBlank() && !line.startsWith("Exception in thread") && !Character.isWhitespace(line.charAt(0)))
            {
                return line;
            }
        }
        return trace.strip();
    }

    /** A started child. */
    private static final class Member
    {
        final String role;
        final ChildJvm child;
        final LogFollower follower;
        boolean failed;

        Member(final String role, final ChildJvm child)
        {
            this.role = role;
            this.child = child;
            this.follower = new LogFollower(child.logFile());
        }

        /**
         * Marks this child as failed and describes it: role, pid, what happened, exception, log.
         */
        String describe(final String what)
        {
            failed = true;
            final StringBuilder text = new StringBuilder()
                .append("child ").append(role).append(", pid ").append(child.pid()).append(": ").append(what);
            child.failure().ifPresent(trace -> text.append("\n  exception: ").append(exceptionSummary(trace)));
            text.append("\n  log: ").append(child.logFile());
            return text.toString();
        }
    }
}
