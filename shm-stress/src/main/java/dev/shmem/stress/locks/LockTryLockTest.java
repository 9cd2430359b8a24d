package dev.shmem.stress.locks;

import dev.shmem.SharedLock;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import dev.shmem.stress.Rendezvous;
import dev.shmem.stress.UnitCheck;
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
 * {@link SharedLock#tryLock()} from two actors at once on a free lock: exactly one gets it. An actor that got the
 * lock keeps it until the other actor has made its attempt (a {@link Rendezvous}), so a second success can only
 * mean two holders at once; then it unlocks. Neither failing would be a spurious failure on a free lock. Results:
 * actor 1 and actor 2 acquired (1) or not (0), or acquired but had the unlock refused because the other held the
 * lock too (2), and the lock held (1) or free (0) after both unlocked.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "actor 1 won, actor 2 found it held; free afterwards")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "actor 2 won, actor 1 found it held; free afterwards")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both acquired while the other held the lock")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "both failed on a free lock")
@Outcome(expect = FORBIDDEN, desc = "an unlock refused (the other held the lock too), or the lock left held")
@State
@UnitCheck(actorsTogether = true)
public class LockTryLockTest
{
    private final Lease<SharedLock> lease;
    private final SharedLock lock;
    private final Rendezvous rendezvous = new Rendezvous();

    public LockTryLockTest()
    {
        lease = Pools.LOCKS.acquire();
        lock = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = attempt(1);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = attempt(2);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = lock.isLocked() ? 1 : 0;
        lease.release();
    }

    private int attempt(final int id)
    {
        final boolean acquired = lock.tryLock();
        rendezvous.arrive(id);
        if (!acquired)
        {
            return 0;
        }
        rendezvous.awaitOther(id);
        // An unlock refused to the winner means the other actor took the lock while the winner held it.
        return Unlocking.unlock(lock) ? 1 : 2;
    }
}
