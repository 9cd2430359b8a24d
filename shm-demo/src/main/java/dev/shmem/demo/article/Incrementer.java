package dev.shmem.demo.article;

import dev.shmem.inspect.RegionInspector;
import java.io.IOException;
import dev.shmem.SharedInt;
import dev.shmem.SharedLock;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The article's {@code increment(counter, lock, times)}, as the main class of a child JVM: {@code Incrementer
 * REGION TIMES TIMEOUT_MILLIS}. Adds one to the shared {@code counter} {@code TIMES} times, each time under the
 * shared {@code lock} ({@code with lock: counter.value += 1}).
 */
public final class Incrementer
{
    private Incrementer()
    {
    }

    /**
     * @param args region, increments, longest wait for the lock in ms.
     * @throws Exception if the region cannot be opened, the lock is not acquired in time, or interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final int times = Integer.parseInt(args[1]);
        final long timeoutMillis = Long.parseLong(args[2]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedInt counter = region.intValue(ValueArrayCommand.COUNTER);
            final SharedLock lock = region.lock(ValueArrayCommand.LOCK);
            for (int i = 0; i < times; i++)
            {
                if (!lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS))
                {
                    throw new IllegalStateException("lock " + lock.name() + " not acquired within " + timeoutMillis +
                        " ms (held by " + holder(region, lock) + ")");
                }
                try
                {
                    counter.set(counter.get() + 1);
                }
                finally
                {
                    lock.unlock();
                }
                if (i == times / 2)
                {
                    Faults.failIfRequested("after " + (i + 1) + " increments");
                }
            }
        }
    }

    private static String holder(final SharedRegion region, final SharedLock lock)
    {
        try (RegionInspector inspector = RegionInspector.open(region.path()))
        {
            return inspector.lock(lock.name())
                .map(state -> RegionInspector.holder(state.holderPid(), state.holderAlive())).orElse("nobody");
        }
        catch (final IOException ex)
        {
            return "a process this one cannot see (" + ex.getMessage() + ")";
        }
    }
}
