package dev.shmem.demo.counter;

import java.nio.file.Path;

/**
 * A child that did not do what the race needed: it died (of an exception or a signal), exited early, or did not
 * finish in time and was killed.
 *
 * @param child     the child.
 * @param phase     what the race was doing, e.g. {@code mode plain} or {@code exit}.
 * @param reason    what happened, e.g. {@code exited with status 70 after an uncaught exception}.
 * @param exception the stack trace the child reported, or null if it reported none.
 */
public record ChildFailure(ChildInfo child, String phase, String reason, String exception)
{
    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return child.pid();
    }

    /**
     * @return the child's log file.
     */
    public Path log()
    {
        return child.log();
    }

    /**
     * @return the first line of the exception, e.g. {@code java.lang.IllegalStateException: boom}, or null.
     */
    public String exceptionSummary()
    {
        if (exception == null)
        {
            return null;
        }
        for (final String line : exception.split("\\R"))
        {
            if (!line.isBlank() && !line.startsWith("Exception in thread") && !Character.isWhitespace(line.charAt(0)))
            {
                return line;
            }
        }
        return exception.strip();
    }
}
