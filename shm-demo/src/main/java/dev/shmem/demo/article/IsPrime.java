package dev.shmem.demo.article;

import dev.shmem.pool.PoolTask;
import dev.shmem.demo.support.Faults;

/**
 * The article's {@code is_prime(n)}: trial division by every {@code i} from 2 to {@code sqrt(n)} (inefficient on
 * purpose, to keep the CPU busy), as a {@link PoolTask} so a {@code JvmPool} can map it.
 */
public final class IsPrime implements PoolTask<Long, Boolean>
{
    @Override
    public Boolean apply(final Long n)
    {
        Faults.failIfRequested("in is_prime(" + n + ")");
        return isPrime(n);
    }

    /**
     * @param n a number.
     * @return true if it is prime.
     */
    static boolean isPrime(final long n)
    {
        if (n < 2)
        {
            return false;
        }
        final long limit = (long)Math.sqrt((double)n);
        for (long i = 2; i <= limit; i++)
        {
            if (n % i == 0)
            {
                return false;
            }
        }
        return true;
    }
}
