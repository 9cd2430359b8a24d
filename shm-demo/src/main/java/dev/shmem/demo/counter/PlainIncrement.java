package dev.shmem.demo.counter;

import dev.shmem.SharedLong;
import dev.shmem.SharedSpace;

/**
 * The article's unsafe counter, {@code counter.value += 1} without {@code with lock:}: read the shared value, then
 * write it back plus one. Two processes that read the same value both write the same result, and one increment is
 * lost. Each {@code get} and {@code set} is atomic on its own; the pair is not.
 */
public final class PlainIncrement implements CounterStrategy
{
    static final String COUNTER = "race.plain.counter";

    @Override
    public String name()
    {
        return "plain";
    }

    @Override
    public String description()
    {
        return "get then set, no lock";
    }

    @Override
    public void create(final SharedSpace region, final int processes)
    {
        region.longValue(COUNTER);
    }

    @Override
    public Worker worker(final SharedSpace region, final int index, final int processes)
    {
        final SharedLong counter = region.longValue(COUNTER);
        return increments ->
        {
            for (long i = 0; i < increments; i++)
            {
                // Deliberately racy: another process may write between this get and this set.
                counter.set(counter.get() + 1);
            }
        };
    }

    @Override
    public long total(final SharedSpace region, final int processes)
    {
        return region.longValue(COUNTER).get();
    }
}
