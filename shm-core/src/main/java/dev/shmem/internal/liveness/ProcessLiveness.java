package dev.shmem.internal.liveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final int MAX_VERIFIED = 1024;
    private static final long NO_TICKS = -1;
    private static final long DEAD_TICKS = -2;
    /** Processes already checked against their recorded start time, by pid. */
    private static final Map<Long, Verified> VERIFIED = new ConcurrentHashMap<>();

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
        final Verified verified = VERIFIED.get(pid);
        if (verified != null && verified.startTimeMillis == startTimeMillis)
        {
            // Checked once with ProcessHandle.info() (~300 us); since then one read of /proc/PID/stat (state and
            // start time in clock ticks) answers, and a reused pid shows another start time.
            final long ticks = procStartTicks(pid);
            if (ticks != NO_TICKS)
            {
                return ticks == verified.startTicks;
            }
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
        final boolean alive = actual == UNKNOWN_START_TIME || actual == startTimeMillis;
        if (alive && actual != UNKNOWN_START_TIME)
        {
            final long ticks = procStartTicks(pid);
            if (ticks >= 0)
            {
                if (VERIFIED.size() >= MAX_VERIFIED)
                {
                    VERIFIED.clear();
                }
                VERIFIED.put(pid, new Verified(startTimeMillis, ticks));
            }
        }
        return alive;
    }

    /**
     * @return the start time in clock ticks after boot from {@code /proc/PID/stat}, {@link #DEAD_TICKS} if the
     * process is gone or a zombie, {@link #NO_TICKS} if it cannot be told (no /proc, unreadable, unexpected).
     */
    private static long procStartTicks(final long pid)
    {
        if (!PROC_FS)
        {
            return NO_TICKS;
        }
        final String stat;
        try
        {
            stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")),
                StandardCharsets.US_ASCII);
        }
        catch (final NoSuchFileException ex)
        {
            return DEAD_TICKS;
        }
        catch (final IOException ex)
        {
            return NO_TICKS;
        }
        // "pid (comm) S f4 ... f22=starttime": the command may hold spaces and ')', fields follow the last ')'.
        final int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length())
        {
            return NO_TICKS;
        }
        final char state = stat.charAt(close + 2);
        if (state == 'Z' || state == 'X')
        {
            return DEAD_TICKS;
        }
        final String[] fields = stat.substring(close + 2).trim().split(" ");
        if (fields.length < 20)
        {
            return NO_TICKS;
        }
        try
        {
            return Long.parseLong(fields[19]);
        }
        catch (final NumberFormatException ex)
        {
            return NO_TICKS;
        }
    }

    /**
     * A process found alive with the recorded start time, and its start time in clock ticks.
     */
    private static final class Verified
    {
        private final long startTimeMillis;
        private final long startTicks;

        Verified(final long startTimeMillis, final long startTicks)
        {
            this.startTimeMillis = startTimeMillis;
            this.startTicks = startTicks;
        }
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
