package dev.shmem.stress.locks;

import dev.shmem.SharedReentrantLock;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import dev.shmem.stress.Unlocking;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Writes made under a {@link SharedReentrantLock} are visible to the next holder, and an inner unlock publishes
 * nothing early: actor 1 takes the lock twice, writes plain data inside the inner hold, unlocks once, writes more
 * plain data and then a plain flag under the outer hold, and unlocks; actor 2 takes the lock and reads the flag,
 * then the data. Actor 2 sees all of actor 1's writes or none. Results: the flag, the data sum actor 2 read, the
 * lock afterwards (0 free, 1 still held, plus 2 if an unlock was refused because another thread had taken it).
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "actor 2 held the lock first: saw nothing")
@Outcome(id = "1, 85, 0", expect = ACCEPTABLE, desc = "actor 1 held the lock first: actor 2 saw flag and data")
@Outcome(id = "1, (0|42|43), .*", expect = FORBIDDEN, desc = "flag seen but not all the data written before it")
@Outcome(id = "0, 42, .*", expect = FORBIDDEN, desc = "actor 2 got in at actor 1's inner unlock")
@Outcome(expect = FORBIDDEN,
    desc = "data without the flag, an unlock refused (two holders), or the lock left held")
@State
public class ReentrantLockVisibilityTest
{
    private final Lease<SharedReentrantLock> lease;
    private final SharedReentrantLock lock;
    private int data1;
    private int data2;
    private int flag;
    private volatile boolean unlockRefused;

    public ReentrantLockVisibilityTest()
    {
        lease = Pools.REENTRANT_LOCKS.acquire();
        lock = lease.handle();
    }

    @Actor
    public void actor1()
    {
        lock.lock();
        try
        {
            lock.lock();
            try
            {
                data1 = 42;
            }
            finally
            {
                unlock();
            }
            data2 = 43;
            flag = 1;
        }
        finally
        {
            unlock();
        }
    }

    @Actor
    public void actor2(final III_Result r)
    {
        lock.lock();
        try
        {
            r.r1 = flag;
            r.r2 = data1 + data2;
        }
        finally
        {
            unlock();
        }
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = (lock.isLocked() ? 1 : 0) + (unlockRefused ? 2 : 0);
        lease.release();
    }

    private void unlock()
    {
        if (!Unlocking.unlock(lock))
        {
            unlockRefused = true;
        }
    }
}
