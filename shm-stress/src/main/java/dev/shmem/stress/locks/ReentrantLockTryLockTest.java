package dev.shmem.stress.locks;

import dev.shmem.SharedReentrantLock;
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
 * {@link SharedReentrantLock#tryLock()} from two actors at once on a free lock: exactly one gets it, and the
 * winner's second {@code tryLock()} (a reentry, while the other actor may be trying) succeeds with a hold count of
 * 2. The winner keeps the lock until the other actor has made its attempt (a {@link Rendezvous}), then unlocks
 * twice. Results: actor 1 and actor 2 (0 did not acquire, 1 acquired and re-entered, 2 acquired but the reentry
 * failed or counted wrong, 3 an unlock was refused because the other actor held the lock too), and the lock held
 * (1) or free (0) afterwards.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "actor 1 won and re-entered, actor 2 found it held")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "actor 2 won and re-entered, actor 1 found it held")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both acquired while the other held the lock")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "both failed on a free lock")
@Outcome(id = {"2, .*, .*", ".*, 2, .*"}, expect = FORBIDDEN, desc = "the owner's reentrant tryLock failed")
@Outcome(expect = FORBIDDEN, desc = "an unlock refused (the other held the lock too), or the lock left held")
@State
@UnitCheck(actorsTogether = true)
public class ReentrantLockTryLockTest
{
    private final Lease<SharedReentrantLock> lease;
    private final SharedReentrantLock lock;
    private final Rendezvous rendezvous = new Rendezvous();

    public ReentrantLockTryLockTest()
    {
        lease = Pools.REENTRANT_LOCKS.acquire();
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
        final boolean reentered = lock.tryLock();
        final boolean counted = reentered && lock.getHoldCount() == 2;
        rendezvous.awaitOther(id);
        // An unlock refused to the winner means the other actor took the lock while the winner held it.
        final boolean unlocked = (!reentered || Unlocking.unlock(lock)) & Unlocking.unlock(lock);
        if (!unlocked)
        {
            return 3;
        }
        return counted ? 1 : 2;
    }
}
