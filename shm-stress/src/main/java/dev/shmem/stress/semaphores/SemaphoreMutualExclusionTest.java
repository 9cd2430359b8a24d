package dev.shmem.stress.semaphores;

import dev.shmem.SharedSemaphore;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Occupancy;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.TimeUnit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@link SharedSemaphore} of 1 permit as a lock, under contention: two actors {@code tryAcquire} with a timeout
 * (the loser waits, and is woken by the winner's {@code release()}), mark themselves inside (an
 * {@link Occupancy} checker), increment a plain Java field and release. Both get in, never at once, and the plain
 * increments are never lost (release/acquire order plain memory). Results: actor 1 and actor 2 (0 alone, 1 the
 * other was inside, 2 timed out after {@value #TIMEOUT_SECONDS} s or was interrupted), the plain counter, permits
 * afterwards (1).
 */
@JCStressTest
@Outcome(id = "0, 0, 2, 1", expect = ACCEPTABLE, desc = "one after the other, the permit back")
@Outcome(id = {"1, .*, .*, .*", ".*, 1, .*, .*"}, expect = FORBIDDEN, desc = "both inside at once")
@Outcome(id = {"2, .*, .*, .*", ".*, 2, .*, .*"}, expect = FORBIDDEN,
    desc = "a waiting acquire never got the released permit")
@Outcome(expect = FORBIDDEN, desc = "a lost plain increment, or the permit count wrong afterwards")
@State
public class SemaphoreMutualExclusionTest
{
    static final int TIMEOUT_SECONDS = 10;

    private final Lease<SharedSemaphore> lease;
    private final SharedSemaphore semaphore;
    private final Occupancy occupancy = new Occupancy();
    private int count;

    public SemaphoreMutualExclusionTest()
    {
        lease = Pools.SEMAPHORES_1.acquire();
        semaphore = lease.handle();
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
        r.r4 = semaphore.availablePermits();
        Permits.restore(semaphore, 1);
        lease.release();
    }

    private int critical(final int id)
    {
        if (!acquire())
        {
            return 2;
        }
        try
        {
            final boolean alone = occupancy.enter(id);
            count++;
            Occupancy.work();
            return alone & occupancy.leave(id) ? 0 : 1;
        }
        finally
        {
            semaphore.release();
        }
    }

    private boolean acquire()
    {
        try
        {
            return semaphore.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            // Nobody interrupts jcstress actors; if it happens, report it as a failed acquire.
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
