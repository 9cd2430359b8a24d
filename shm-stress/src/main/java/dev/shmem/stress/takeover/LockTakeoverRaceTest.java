package dev.shmem.stress.takeover;

import dev.shmem.SharedLock;
import dev.shmem.stress.DeadOwnerLock;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Occupancy;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

import static dev.shmem.stress.takeover.TakeoverCriticalSection.NOT_ACQUIRED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The takeover race itself, at jcstress speed: a {@link SharedLock} is owned by a dead process (simulated through
 * the process table, see {@link DeadOwnerLock}) and two actors, each with its own handle, call {@code tryLock()}
 * at the same moment. A failed {@code tryLock()} checks the owner's liveness (at most once per 100 ms per handle)
 * and takes a dead owner's lock over by CAS. Exactly one actor takes it over (finds it inconsistent, marks it
 * consistent, unlocks); the other finds it held, or, if it comes after the unlock, acquires it normally. Never
 * both inside at once, and the takeover is counted once.
 *
 * <p>Both handles of a state must be due for a liveness check: the pool hands out locks whose handles have rested
 * at least 100 ms since their last use ({@link Lease#isCool()}), making new ones while it grows, and the state
 * reports whether it got such a lock. Only with cool handles is "neither got the lock" forbidden. This goes through
 * the public {@code tryLock()}, at the cost of a pool of a few thousand locks; the liveness interval is why the
 * blocking path ({@link LockTakeoverTest}) cannot be raced this fast. Results: actor 1 and actor 2 (0 did not get
 * the lock, 1 took over, 2 acquired normally, 3 the other was inside), takeovers counted during the state, the lock
 * afterwards (0 free and consistent, 1 still owned by the dead process, 2 otherwise), handles cool (1) or not (0).
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0, [01]", expect = ACCEPTABLE, desc = "actor 1 took over, actor 2 found it held")
@Outcome(id = "0, 1, 1, 0, [01]", expect = ACCEPTABLE, desc = "actor 2 took over, actor 1 found it held")
@Outcome(id = "1, 2, 1, 0, [01]", expect = ACCEPTABLE,
    desc = "actor 1 took over and unlocked, then actor 2 acquired normally")
@Outcome(id = "2, 1, 1, 0, [01]", expect = ACCEPTABLE,
    desc = "actor 2 took over and unlocked, then actor 1 acquired normally")
@Outcome(id = "0, 0, 0, 1, 0", expect = ACCEPTABLE,
    desc = "handles not cool: neither was due for a liveness check, the dead owner keeps the lock")
@Outcome(id = "0, 0, 0, 1, 1", expect = FORBIDDEN, desc = "both handles due, yet nobody took over the dead lock")
@Outcome(id = "1, 1, .*, .*, .*", expect = FORBIDDEN, desc = "both took the lock over")
@Outcome(id = {"3, .*, .*, .*, .*", ".*, 3, .*, .*, .*"}, expect = FORBIDDEN, desc = "both inside at once")
@Outcome(expect = FORBIDDEN, desc = "takeover not counted exactly once, or the lock left held or inconsistent")
@State
public class LockTakeoverRaceTest
{
    private final Lease<DeadOwnerLock> lease;
    private final DeadOwnerLock lock;
    private final long takeoversBefore;
    private final boolean cool;
    private final Occupancy occupancy = new Occupancy();

    public LockTakeoverRaceTest()
    {
        lease = Pools.COOLED_DEAD_OWNER_LOCKS.acquire();
        lock = lease.handle();
        takeoversBefore = lock.first().takeovers();
        cool = lease.isCool();
    }

    @Actor
    public void actor1(final IIIII_Result r)
    {
        r.r1 = attempt(lock.first(), 1);
    }

    @Actor
    public void actor2(final IIIII_Result r)
    {
        r.r2 = attempt(lock.second(), 2);
    }

    @Arbiter
    public void arbiter(final IIIII_Result r)
    {
        r.r3 = (int)(lock.first().takeovers() - takeoversBefore);
        r.r4 = TakeoverCriticalSection.lockState(lock);
        r.r5 = cool ? 1 : 0;
        lease.release();
    }

    private int attempt(final SharedLock handle, final int id)
    {
        if (!handle.tryLock())
        {
            return NOT_ACQUIRED;
        }
        return TakeoverCriticalSection.run(handle, occupancy, id);
    }
}
