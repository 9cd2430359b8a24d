package dev.shmem.stress.takeover;

import dev.shmem.SharedLock;
import dev.shmem.stress.DeadOwnerLock;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Occupancy;
import dev.shmem.stress.Pools;
import dev.shmem.stress.UnitCheck;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.TimeUnit;

import static dev.shmem.stress.takeover.TakeoverCriticalSection.NOT_ACQUIRED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Dead-owner takeover through the waiting path, as a program would meet it: a {@link SharedLock} is owned by a
 * dead process (simulated through the process table, see {@link DeadOwnerLock}) and two actors, each with its own
 * handle, call {@code tryLock(2, SECONDS)}. A waiter checks the owner's liveness from about 100 ms into its wait
 * and takes the lock over by CAS: exactly one actor does, finds the lock inconsistent, marks it consistent and
 * unlocks; the other goes on waiting and acquires it normally when woken by that unlock. Never both inside at
 * once, and the takeover is counted once.
 *
 * <p>Every sample takes at least the 100 ms liveness interval, so jcstress sizes this test down to one state per
 * epoch and runs about ten samples per fork: this test checks the whole path (liveness check inside the wait,
 * takeover, wake-up of the other waiter) rather than the race itself, which {@link LockTakeoverRaceTest} repeats
 * millions of times. Results: actor 1 and actor 2 (0 timed out, 1 took over, 2 acquired normally, 3 the other was
 * inside), takeovers counted during the state, and the lock afterwards (0 free and consistent, 1 still owned by the
 * dead process, 2 otherwise).
 */
@JCStressTest
@Outcome(id = "1, 2, 1, 0", expect = ACCEPTABLE, desc = "actor 1 took over, actor 2 acquired after its unlock")
@Outcome(id = "2, 1, 1, 0", expect = ACCEPTABLE, desc = "actor 2 took over, actor 1 acquired after its unlock")
@Outcome(id = "1, 1, .*, .*", expect = FORBIDDEN, desc = "both took the lock over")
@Outcome(id = {"3, .*, .*, .*", ".*, 3, .*, .*"}, expect = FORBIDDEN, desc = "both inside at once")
@Outcome(id = {"0, .*, .*, .*", ".*, 0, .*, .*"}, expect = FORBIDDEN,
    desc = "an actor got nothing in 2 s: no takeover, or the other's unlock did not wake it")
@Outcome(expect = FORBIDDEN, desc = "takeover not counted exactly once, or the lock not left free and consistent")
@State
@UnitCheck(actorsTogether = true, runs = 5)
public class LockTakeoverTest
{
    private static final long TIMEOUT_SECONDS = 2;

    private final Lease<DeadOwnerLock> lease;
    private final DeadOwnerLock lock;
    private final long takeoversBefore;
    private final Occupancy occupancy = new Occupancy();

    public LockTakeoverTest()
    {
        lease = Pools.DEAD_OWNER_LOCKS.acquire();
        lock = lease.handle();
        takeoversBefore = lock.first().takeovers();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = attempt(lock.first(), 1);
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = attempt(lock.second(), 2);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = (int)(lock.first().takeovers() - takeoversBefore);
        r.r4 = TakeoverCriticalSection.lockState(lock);
        lease.release();
    }

    private int attempt(final SharedLock handle, final int id)
    {
        try
        {
            if (!handle.tryLock(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                return NOT_ACQUIRED;
            }
        }
        catch (final InterruptedException ex)
        {
            // Nobody interrupts jcstress actors; if it happens, report it as a failed acquire.
            Thread.currentThread().interrupt();
            return NOT_ACQUIRED;
        }
        return TakeoverCriticalSection.run(handle, occupancy, id);
    }
}
