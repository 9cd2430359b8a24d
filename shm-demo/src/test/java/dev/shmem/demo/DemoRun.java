package dev.shmem.demo;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the demo command line in this JVM (child JVMs are real) and captures its output.
 *
 * @param exitCode the exit status.
 * @param out      standard output.
 * @param err      standard error.
 */
public record DemoRun(int exitCode, String out, String err)
{
    /**
     * @param args the command line.
     * @return what it printed and its exit status.
     */
    public static DemoRun run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new DemoRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
