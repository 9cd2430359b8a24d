package dev.shmem.stress.locks;

import dev.shmem.SharedReentrantLock;
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
 * Mutual exclusion of {@link SharedReentrantLock} with nested acquisition under contention: two actors each
 * {@code lock()} twice (the second acquire is a reentry while the other actor may be waiting), mark themselves
 * inside (an {@link Occupancy} checker), increment a plain Java field, {@code unlock()} once, check that they still
 * hold the lock (hold count 1) and are still alone inside, then {@code unlock()} again. The first unlock must not
 * let the other actor in. Results: actor 1 and actor 2 (0 alone throughout with the right hold counts, 1 the
 * other actor was inside or an unlock was refused because it held the lock too, 2 a wrong hold count), the plain
 * counter, the lock held afterwards (1) or free (0).
 */
@JCStressTest
@Outcome(id = "0, 0, 2, 0", expect = ACCEPTABLE, desc = "one nested critical section after the other, lock free")
@Outcome(id = {"1, .*, .*, .*", ".*, 1, .*, .*"}, expect = FORBIDDEN,
    desc = "both actors inside at once (after the inner unlock, or at all)")
@Outcome(id = {"2, .*, .*, .*", ".*, 2, .*, .*"}, expect = FORBIDDEN,
    desc = "hold count not 2 inside the nested hold, or not 1 after the inner unlock")
@Outcome(expect = FORBIDDEN, desc = "a lost plain increment, the lock left held, or a result no run can give")
@State
public class ReentrantLockMutualExclusionTest
{
    private final Lease<SharedReentrantLock> lease;
    private final SharedReentrantLock lock;
    private final Occupancy occupancy = new Occupancy();
    private int count;

    public ReentrantLockMutualExclusionTest()
    {
        lease = Pools.REENTRANT_LOCKS.acquire();
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
        lock.lock();
        final boolean alone = occupancy.enter(id);
        count++;
        Occupancy.work();
        final boolean nestedCount = lock.getHoldCount() == 2;
        final boolean innerUnlocked = Unlocking.unlock(lock);
        final boolean outerCount = lock.getHoldCount() == 1;
        Occupancy.work();
        final boolean stillAlone = occupancy.leave(id);
        // An unlock refused to the thread that locked means another thread held the lock too.
        final boolean outerUnlocked = Unlocking.unlock(lock);
        if (!(alone & stillAlone & innerUnlocked & outerUnlocked))
        {
            return 1;
        }
        return nestedCount & outerCount ? 0 : 2;
    }
}
