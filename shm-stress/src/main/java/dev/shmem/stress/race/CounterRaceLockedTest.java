package dev.shmem.stress.race;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import dev.shmem.stress.Unlocking;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The other fix of {@link CounterRaceGetSetTest}, the one the seed article teaches: the same
 * {@code counter.set(counter.get() + 1)} from two actors, each inside {@code lock.lock() ... unlock()} of a
 * {@link SharedLock}. The lock makes the read and the write one step, so the lost update is forbidden. Results:
 * the final value, and the lock afterwards (0 free, 1 still held, plus 2 if an actor's unlock was refused because
 * another thread had taken the lock while it held it).
 */
@JCStressTest
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "both increments counted, lock free")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "lost update: both read the same value inside the lock")
@Outcome(expect = FORBIDDEN, desc = "a value two increments cannot give, or the lock left held")
@State
public class CounterRaceLockedTest
{
    private final Lease<SharedLong> counterLease;
    private final Lease<SharedLock> lockLease;
    private final SharedLong counter;
    private final SharedLock lock;
    private volatile boolean unlockRefused;

    public CounterRaceLockedTest()
    {
        counterLease = Pools.LONGS.acquire();
        lockLease = Pools.LOCKS.acquire();
        counter = counterLease.handle();
        lock = lockLease.handle();
    }

    @Actor
    public void actor1()
    {
        increment();
    }

    @Actor
    public void actor2()
    {
        increment();
    }

    @Arbiter
    public void arbiter(final JI_Result r)
    {
        r.r1 = counter.get();
        r.r2 = (lock.isLocked() ? 1 : 0) + (unlockRefused ? 2 : 0);
        counterLease.release();
        lockLease.release();
    }

    private void increment()
    {
        lock.lock();
        counter.set(counter.get() + 1);
        if (!Unlocking.unlock(lock))
        {
            unlockRefused = true;
        }
    }
}
