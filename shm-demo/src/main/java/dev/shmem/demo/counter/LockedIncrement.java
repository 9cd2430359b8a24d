package dev.shmem.demo.counter;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedSpace;

/**
 * The article's safe counter, {@code with lock: counter.value += 1}: every increment takes a {@link SharedLock}
 * around the same racy get-then-set as {@code plain}, so no two processes are ever between the get and the set at
 * once and nothing is lost. The lock makes the pair exclusive; the price is one lock and one unlock per increment,
 * and, when several processes contend, the lock's cache line moving between cores (and waiters sleeping in the
 * kernel).
 *
 * <p>Memory consistency: the unlock of one process happens-before the next lock in any process, so the get always
 * sees the previous holder's set; plain {@code get}/{@code set} inside are enough.
 */
public final class LockedIncrement implements CounterStrategy
{
    static final String COUNTER = "race.locked.counter";
    static final String LOCK = "race.locked.lock";

    @Override
    public String name()
    {
        return "locked";
    }

    @Override
    public String description()
    {
        return "SharedLock around get/set";
    }

    @Override
    public void create(final SharedSpace region, final int processes)
    {
        region.longValue(COUNTER);
        region.lock(LOCK);
    }

    @Override
    public Worker worker(final SharedSpace region, final int index, final int processes)
    {
        final SharedLong counter = region.longValue(COUNTER);
        final SharedLock lock = region.lock(LOCK);
        return increments ->
        {
            for (long i = 0; i < increments; i++)
            {
                // Unbounded wait, like the article's `with lock:`; the parent's --timeout bounds the whole mode
                // and kills a child stuck here.
                lock.lock();
                try
                {
                    counter.set(counter.get() + 1);
                }
                finally
                {
                    lock.unlock();
                }
            }
        };
    }

    @Override
    public long total(final SharedSpace region, final int processes)
    {
        return region.longValue(COUNTER).get();
    }
}
