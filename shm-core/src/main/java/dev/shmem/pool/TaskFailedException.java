package dev.shmem.pool;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link JvmPool} task that did not produce a result: it threw in its worker (the remote stack trace is carried
 * here and in the message), its worker died or was killed after its timeout, or the pool was shut down first.
 */
public final class TaskFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Why a task failed.
     */
    public enum Reason
    {
        /** The task threw; {@link #remoteStackTrace()} has it. */
        THREW,
        /** The worker running it died (killed, crashed, exited, out of memory). */
        WORKER_DIED,
        /** It ran past the pool's task timeout; its worker was killed and replaced. */
        TIMED_OUT,
        /** The pool was shut down before the task finished. */
        POOL_SHUT_DOWN,
        /** Its input or result could not be encoded, decoded or sent. */
        CODEC
    }

    private final Reason reason;
    private final long pid;
    private final transient Path logFile;
    private final String remoteStackTrace;

    TaskFailedException(final Reason reason, final String message, final long pid, final Path logFile,
        final String remoteStackTrace)
    {
        super(message + (remoteStackTrace == null ? "" : "\n--- remote stack trace ---\n" + remoteStackTrace));
        this.reason = reason;
        this.pid = pid;
        this.logFile = logFile;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * @return why the task failed.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * @return pid of the worker involved, 0 if none.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return the worker's log file, if a worker was involved.
     */
    public Optional<Path> logFile()
    {
        return Optional.ofNullable(logFile);
    }

    /**
     * @return the stack trace printed in the worker, when the task threw there.
     */
    public Optional<String> remoteStackTrace()
    {
        return Optional.ofNullable(remoteStackTrace);
    }
}
