package dev.shmem.internal.liveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers "is the process with this pid and this start time still running?" so that a reused pid is never taken
 * for the process that held a lock. Uses {@link ProcessHandle}; on Linux also reads the state letter of
 * {@code /proc/PID/stat} so that a zombie (killed but not yet reaped by its parent) counts as dead.
 */
public final class ProcessLiveness
{
    /** Start time value meaning "unknown": liveness then rests on the pid alone. */
    public static final long UNKNOWN_START_TIME = -1;

    private static final long SELF_PID = ProcessHandle.current().pid();
    private static final long SELF_START_TIME = startTimeOf(ProcessHandle.current());
    private static final boolean PROC_FS = Files.isDirectory(Path.of("/proc/self"));

    private ProcessLiveness()
    {
    }

    /**
     * @return this process's pid.
     */
    public static long selfPid()
    {
        return SELF_PID;
    }

    /**
     * @return this process's start time in epoch milliseconds, or {@link #UNKNOWN_START_TIME}.
     */
    public static long selfStartTime()
    {
        return SELF_START_TIME;
    }

    /**
     * @param pid process id.
     * @param startTimeMillis the start time recorded when it attached, or {@link #UNKNOWN_START_TIME}.
     * @return true if a process with that pid runs and, when both start times are known, started at that time.
     */
    public static boolean isAlive(final long pid, final long startTimeMillis)
    {
        if (pid <= 0)
        {
            return false;
        }
        if (pid == SELF_PID)
        {
            return startTimeMillis == SELF_START_TIME || startTimeMillis == UNKNOWN_START_TIME;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive() || isZombie(pid))
        {
            return false;
        }
        if (startTimeMillis == UNKNOWN_START_TIME)
        {
            return true;
        }
        final long actual = startTimeOf(handle.get());
        return actual == UNKNOWN_START_TIME || actual == startTimeMillis;
    }

    private static long startTimeOf(final ProcessHandle handle)
    {
        final Optional<Instant> start = handle.info().startInstant();
        return start.map(Instant::toEpochMilli).orElse(UNKNOWN_START_TIME);
    }

    private static boolean isZombie(final long pid)
    {
        if (!PROC_FS)
        {
            return false;
        }
        try
        {
            final String stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")),
                StandardCharsets.US_ASCII);
            // Format: "pid (comm) S ...": the command may hold spaces and parentheses, the state follows the last ')'.
            final int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length())
            {
                return false;
            }
            final char state = stat.charAt(close + 2);
            return state == 'Z' || state == 'X';
        }
        catch (final NoSuchFileException ex)
        {
            return true;
        }
        catch (final IOException ex)
        {
            // Unreadable /proc entry (other user, hidepid): fall back to what ProcessHandle said.
            return false;
        }
    }
}
