package dev.shmem.demo;

/**
 * An expected failure of a demo command (bad input, a file that is not a region, a child that failed): printed
 * as one line, without a stack trace, and turned into the given exit status by {@link Main}.
 */
public final class DemoException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode process exit status to end with (1 for a failure, 2 for bad usage).
     * @param message  what went wrong, naming the value and what was expected.
     */
    public DemoException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode process exit status to end with.
     * @param message  what went wrong.
     * @param cause    the underlying exception.
     */
    public DemoException(final int exitCode, final String message, final Throwable cause)
    {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * @return the exit status the demo ends with.
     */
    public int exitCode()
    {
        return exitCode;
    }
}
