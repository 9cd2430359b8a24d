package dev.shmem.demo.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the demo does when it is stopped from outside (Ctrl-C, {@code kill}): one JVM shutdown hook that, while a
 * demo run is in progress, kills every child JVM of this process at once (the pool's workers included), removes
 * the region files the run registered, and prints one line saying so. A run that ends normally has unregistered
 * its regions and is no longer in progress, so the hook does nothing when {@code main} exits.
 *
 * <h2>Failure modes</h2>
 * Children are killed with SIGKILL and waited for at most 2 s in all; a file that cannot be removed is named in
 * the message. While the hook runs the demo's own thread still runs: {@link #isStopping()} lets it keep quiet
 * about the children it sees dying.
 */
public final class Interruption
{
    private static final long CHILD_EXIT_WAIT_MILLIS = 2_000;
    private static final Set<Path> REGIONS = new LinkedHashSet<>();
    private static int runs;
    private static boolean hookInstalled;
    private static volatile boolean stopping;

    private Interruption()
    {
    }

    /**
     * Marks a demo run as started: from now until {@link #runEnded()}, a JVM shutdown stops the children.
     */
    public static synchronized void runStarted()
    {
        if (!hookInstalled)
        {
            Runtime.getRuntime().addShutdownHook(new Thread(Interruption::stop, "shm-demo-interrupted"));
            hookInstalled = true;
        }
        runs++;
    }

    /**
     * Marks a demo run as ended.
     */
    public static synchronized void runEnded()
    {
        runs--;
    }

    /**
     * @param region a region file to remove if the JVM is stopped before {@link #forget} is called.
     */
    public static synchronized void removeOnInterrupt(final Path region)
    {
        REGIONS.add(region);
    }

    /**
     * @param region a region file the run has removed itself (or keeps).
     */
    public static synchronized void forget(final Path region)
    {
        REGIONS.remove(region);
    }

    /**
     * @return true once the JVM is being stopped during a run: failures seen now are the stop's doing.
     */
    public static boolean isStopping()
    {
        return stopping;
    }

    private static void stop()
    {
        final List<Path> regions;
        synchronized (Interruption.class)
        {
            if (runs <= 0 && REGIONS.isEmpty())
            {
                return;
            }
            stopping = true;
            regions = new ArrayList<>(REGIONS);
        }
        final List<ProcessHandle> children = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(child ->
        {
            if (child.destroyForcibly())
            {
                children.add(child);
            }
        });
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHILD_EXIT_WAIT_MILLIS);
        int stopped = 0;
        for (final ProcessHandle child : children)
        {
            try
            {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                stopped++;
            }
            catch (final TimeoutException | ExecutionException stillRunning)
            {
                // Not gone within the bound: counted as not stopped in the message.
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        final StringBuilder message = new StringBuilder("shm-demo: interrupted: stopped ").append(stopped)
            .append(" child JVM").append(stopped == 1 ? "" : "s");
        if (stopped < children.size())
        {
            message.append(" (").append(children.size() - stopped).append(" still running after 2 s)");
        }
        for (final Path region : regions)
        {
            try
            {
                if (Files.deleteIfExists(region))
                {
                    message.append(", removed ").append(region);
                }
            }
            catch (final IOException ex)
            {
                message.append(", could not remove ").append(region).append(": ").append(ex.getMessage());
            }
        }
        System.out.flush();
        System.err.println(message);
        System.err.flush();
    }
}
