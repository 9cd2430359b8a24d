package dev.shmem.bench.pool;

import dev.shmem.pool.PoolTask;

/**
 * The seed article's CPU-bound {@code heavy_task(n)}: the sum of {@code sqrt(i)} for {@code i} from 1 to
 * {@code n - 1}, in the same order as the Python loop (so the same double result).
 */
public final class HeavyTask implements PoolTask<Integer, Double>
{
    @Override
    public Double apply(final Integer n)
    {
        return heavy(n);
    }

    /**
     * @param n the article's argument.
     * @return the sum of square roots.
     */
    public static double heavy(final int n)
    {
        double s = 0;
        for (int i = 1; i < n; i++)
        {
            s += Math.sqrt(i);
        }
        return s;
    }
}
