package dev.shmem.demo.article;

import dev.shmem.pool.PoolTask;
import dev.shmem.demo.support.Faults;

/**
 * The article's {@code heavy_task(n)}: the sum of {@code sqrt(i)} for {@code i} from 1 to {@code n - 1}, as a
 * {@link PoolTask}. The same code runs in this JVM and in the workers, and Java's {@code double} arithmetic is the
 * same everywhere (strict since Java 17), so both give the same bits.
 */
public final class HeavyTask implements PoolTask<Long, Double>
{
    @Override
    public Double apply(final Long n)
    {
        Faults.failIfRequested("in heavy_task(" + n + ")");
        return heavyTask(n);
    }

    /**
     * @param n the bound.
     * @return the sum of the square roots of 1 to {@code n - 1}.
     */
    static double heavyTask(final long n)
    {
        double s = 0;
        for (long i = 1; i < n; i++)
        {
            s += Math.sqrt(i);
        }
        return s;
    }
}
