package dev.shmem.stress.semaphores;

import dev.shmem.SharedSemaphore;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A bounded semaphore refuses a release past its bound, also when two releases race: a bounded
 * {@link SharedSemaphore} of 1 permit has its permit taken (by the state, before the actors run), then both actors
 * {@code release()}. One release brings the permit back; the other would make 2 of 1 and must throw
 * {@link IllegalStateException}, changing nothing. Results: actor 1 and actor 2 released (1) or were refused (0),
 * permits available afterwards, and how much the permits this process holds by the semaphore's ledger (its
 * {@code SEM_UNDO} record, returned to the semaphore if the process dies) changed over the state (0: it took one
 * permit and gave one back).
 *
 * <p>This test found a bug, since fixed in {@code SharedSemaphore.release}: a refused release that raced the
 * successful one put back into the ledger a permit that the successful release had already struck off, so the
 * ledger said this process held a permit it did not hold (about 1 sample in 10 000); had the process then died, a
 * waiter would have returned that permit and the bounded semaphore would have had 2 permits out of 1.
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "actor 1 returned the permit, actor 2 was refused")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE, desc = "actor 2 returned the permit, actor 1 was refused")
@Outcome(id = {"1, 0, 1, 1", "0, 1, 1, 1"}, expect = FORBIDDEN,
    desc = "the refused release put back a permit into this process's ledger (a phantom permit on death)")
@Outcome(id = "1, 1, .*, .*", expect = FORBIDDEN, desc = "both releases counted: 2 permits of a bound of 1")
@Outcome(id = "0, 0, .*, .*", expect = FORBIDDEN, desc = "both refused: the taken permit never came back")
@Outcome(expect = FORBIDDEN, desc = "permits or the process's ledger wrong afterwards")
@State
public class BoundedSemaphoreOverReleaseTest
{
    private final Lease<SharedSemaphore> lease;
    private final SharedSemaphore semaphore;
    private final int ledgerBefore;

    public BoundedSemaphoreOverReleaseTest()
    {
        lease = Pools.BOUNDED_SEMAPHORES_1.acquire();
        semaphore = lease.handle();
        // The ledger word of a pooled semaphore carries what earlier states left in it: measure the change.
        ledgerBefore = dev.shmem.internal.TestHook.permitsHeldByThisProcess(semaphore);
        if (!semaphore.tryAcquire())
        {
            throw new IllegalStateException("pooled " + semaphore + ": cannot take its permit");
        }
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = release();
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = release();
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = semaphore.availablePermits();
        r.r4 = dev.shmem.internal.TestHook.permitsHeldByThisProcess(semaphore) - ledgerBefore;
        Permits.restore(semaphore, 1);
        lease.release();
    }

    private int release()
    {
        try
        {
            semaphore.release();
            return 1;
        }
        catch (final IllegalStateException refused)
        {
            return 0;
        }
    }
}
