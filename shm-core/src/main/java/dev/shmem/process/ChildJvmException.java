package dev.shmem.process;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown when a child JVM did not finish as expected: it exited with a non-zero status, died of an uncaught
 * exception (whose stack trace is carried here), or did not finish in time. The message names the pid, the exit
 * status and the log file.
 */
public final class ChildJvmException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final transient Path logFile;
    private final String remoteStackTrace;

    ChildJvmException(final String message, final long pid, final Path logFile, final String remoteStackTrace)
    {
        super(message + (remoteStackTrace == null ? "" : "\n--- child's uncaught exception ---\n" +
            remoteStackTrace));
        this.pid = pid;
        this.logFile = logFile;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return the file holding the child's standard output and error.
     */
    public Path logFile()
    {
        return logFile;
    }

    /**
     * @return the stack trace of the exception the child died of, if it died of one.
     */
    public Optional<String> remoteStackTrace()
    {
        return Optional.ofNullable(remoteStackTrace);
    }
}
