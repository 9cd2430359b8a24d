package dev.shmem.internal.diag;

import dev.shmem.inspect.Deadlock;
import dev.shmem.internal.region.MappedRegion;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Off by default: with {@code -Dshm.deadlock.logAfterMillis=N} (N > 0), one daemon thread per process and region
 * looks for deadlock cycles every {@code max(100, N / 2)} ms and logs (through {@code System.Logger "dev.shmem"},
 * at WARNING) each cycle that involves a thread of this process and has lasted N ms, once per cycle.
 */
public final class DeadlockWatchdog implements Runnable
{
    /** System property: log a deadlock involving this process after this many milliseconds (0 or absent: off). */
    public static final String PROPERTY = "shm.deadlock.logAfterMillis";

    private static final System.Logger LOGGER = System.getLogger("dev.shmem");

    private final MappedRegion region;
    private final BooleanSupplier detached;
    private final long afterMillis;
    private final Set<String> logged = new HashSet<>();

    private DeadlockWatchdog(final MappedRegion region, final BooleanSupplier detached, final long afterMillis)
    {
        this.region = region;
        this.detached = detached;
        this.afterMillis = afterMillis;
    }

    /**
     * Starts the watchdog for this process's attachment to a region if the property asks for it.
     *
     * @param region   the mapped region.
     * @param detached true once this JVM has closed every handle on the region (the watchdog then ends).
     */
    public static void startIfConfigured(final MappedRegion region, final BooleanSupplier detached)
    {
        final long after = Long.getLong(PROPERTY, 0L);
        if (after > 0)
        {
            final Thread thread = new Thread(new DeadlockWatchdog(region, detached, after),
                "shm-deadlock-watchdog " + region.path().getFileName());
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void run()
    {
        final long pid = ProcessHandle.current().pid();
        try
        {
            while (!detached.getAsBoolean())
            {
                TimeUnit.MILLISECONDS.sleep(Math.max(100, afterMillis / 2));
                for (final Deadlock deadlock : new WaitGraph(region).deadlocks())
                {
                    final boolean ours = deadlock.threads().stream().anyMatch(thread -> thread.pid() == pid);
                    final boolean old = deadlock.threads().stream()
                        .allMatch(thread -> thread.waited().toMillis() >= afterMillis);
                    if (ours && old && logged.add(key(deadlock)))
                    {
                        LOGGER.log(Level.WARNING, describe(deadlock));
                    }
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(final Deadlock deadlock)
    {
        final StringBuilder key = new StringBuilder();
        deadlock.threads().stream().map(t -> t.pid() + ":" + t.threadId() + ":" + t.since().toEpochMilli())
            .sorted().forEach(key::append);
        return key.toString();
    }

    /**
     * @param deadlock a cycle.
     * @return one line per thread of it.
     */
    public static String describe(final Deadlock deadlock)
    {
        final StringBuilder text = new StringBuilder("deadlock across processes (" + deadlock.threads().size() +
            " threads):");
        final List<Deadlock.DeadlockedThread> threads = deadlock.threads();
        for (final Deadlock.DeadlockedThread thread : threads)
        {
            text.append("\n  pid ").append(thread.pid()).append(thread.alive() ? "" : " (dead)")
                .append(" thread '").append(thread.threadName()).append("' holds '").append(thread.holds())
                .append("' and has waited ").append(thread.waited().toMillis()).append(" ms for '")
                .append(thread.waitsFor()).append('\'');
        }
        return text.toString();
    }
}
