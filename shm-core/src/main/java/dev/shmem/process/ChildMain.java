package dev.shmem.process;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The entry point of every child JVM started by {@code ChildJvm}: runs the requested main class and, if it (or
 * any other thread) dies of an uncaught exception, writes the stack trace to the failure report the parent reads,
 * as well as to standard error (the child's log). A main that throws makes the child exit with status
 * {@link #EXIT_UNCAUGHT}.
 *
 * <p>Arguments: {@code REPORT_FILE MAIN_CLASS [ARGS...]}.
 */
public final class ChildMain
{
    /** Exit status of a child whose main threw. */
    public static final int EXIT_UNCAUGHT = 70;
    /** Exit status of a child whose main class could not be found or started. */
    public static final int EXIT_BAD_MAIN = 71;

    private ChildMain()
    {
    }

    /**
     * @param args report file, main class, then the main class's arguments.
     */
    public static void main(final String[] args)
    {
        if (args.length < 2)
        {
            System.err.println("usage: ChildMain REPORT_FILE MAIN_CLASS [ARGS...]");
            System.exit(EXIT_BAD_MAIN);
        }
        final Path report = Path.of(args[0]);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> report(report, thread, error));
        final Method main;
        try
        {
            final Class<?> mainClass = Class.forName(args[1], true, ChildMain.class.getClassLoader());
            main = mainClass.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()))
            {
                throw new NoSuchMethodException(args[1] + ".main(String[]) is not static");
            }
            // Like the java launcher, run a public main of a class that is not itself public (e.g. nested).
            main.trySetAccessible();
        }
        catch (final ReflectiveOperationException | LinkageError ex)
        {
            report(report, Thread.currentThread(), ex);
            System.exit(EXIT_BAD_MAIN);
            return;
        }
        try
        {
            main.invoke(null, (Object)Arrays.copyOfRange(args, 2, args.length));
        }
        catch (final InvocationTargetException ex)
        {
            report(report, Thread.currentThread(), ex.getCause());
            System.exit(EXIT_UNCAUGHT);
        }
        catch (final IllegalAccessException ex)
        {
            report(report, Thread.currentThread(), ex);
            System.exit(EXIT_BAD_MAIN);
        }
    }

    private static synchronized void report(final Path report, final Thread thread, final Throwable error)
    {
        final StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text))
        {
            out.println("Exception in thread \"" + thread.getName() + "\" of child pid " +
                ProcessHandle.current().pid() + ":");
            error.printStackTrace(out);
        }
        System.err.print(text);
        System.err.flush();
        try
        {
            Files.writeString(report, text.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            System.err.println("could not write failure report " + report + ": " + ex);
        }
    }
}
