package dev.shmem.stress.locks;

import dev.shmem.SharedLock;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Occupancy;
import dev.shmem.stress.Pools;
import dev.shmem.stress.Unlocking;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Mutual exclusion of {@link SharedLock}: two actors {@code lock()}, mark themselves inside (an {@link Occupancy}
 * checker: its id written on entry, read back on exit), increment a plain Java field, wait a little, and
 * {@code unlock()}. Critical sections never overlap, and the plain increments are never lost (the lock orders plain
 * memory too). Results: actor 1 and actor 2 saw the other inside, or had their unlock refused because the other
 * held the lock too (1), or not (0), the plain counter, the lock still held afterwards (1) or free (0).
 */
@JCStressTest
@Outcome(id = "0, 0, 2, 0", expect = ACCEPTABLE, desc = "one critical section after the other, lock free")
@Outcome(id = {"1, .*, .*, .*", ".*, 1, .*, .*"}, expect = FORBIDDEN,
    desc = "both actors inside the critical section at once")
@Outcome(id = ".*, .*, 1, .*", expect = FORBIDDEN, desc = "a plain increment made under the lock was lost")
@Outcome(expect = FORBIDDEN, desc = "the lock left held, or a result no run can give")
@State
public class LockMutualExclusionTest
{
    private final Lease<SharedLock> lease;
    private final SharedLock lock;
    private final Occupancy occupancy = new Occupancy();
    private int count;

    public LockMutualExclusionTest()
    {
        lease = Pools.LOCKS.acquire();
        lock = lease.handle();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = critical(1);
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = critical(2);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = count;
        r.r4 = lock.isLocked() ? 1 : 0;
        lease.release();
    }

    private int critical(final int id)
    {
        lock.lock();
        final boolean alone = occupancy.enter(id);
        count++;
        Occupancy.work();
        final boolean stillAlone = occupancy.leave(id);
        // An unlock refused to the thread that locked means another thread held the lock too.
        return Unlocking.unlock(lock) & alone & stillAlone ? 0 : 1;
    }
}
