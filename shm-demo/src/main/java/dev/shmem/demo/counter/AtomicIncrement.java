package dev.shmem.demo.counter;

import dev.shmem.SharedLong;
import dev.shmem.SharedSpace;

/**
 * One shared counter incremented with {@link SharedLong#incrementAndGet()}: a single atomic read-modify-write
 * instruction on the shared memory, so no increment is lost; every process contends for the same cache line.
 */
public final class AtomicIncrement implements CounterStrategy
{
    static final String COUNTER = "race.atomic.counter";

    @Override
    public String name()
    {
        return "atomic";
    }

    @Override
    public String description()
    {
        return "incrementAndGet";
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
                counter.incrementAndGet();
            }
        };
    }

    @Override
    public long total(final SharedSpace region, final int processes)
    {
        return region.longValue(COUNTER).get();
    }
}
