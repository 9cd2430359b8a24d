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
 * Several permits taken at once are taken whole: from a {@link SharedSemaphore} of 2 permits, actor 1
 * {@code tryAcquire(2)} and actor 2 {@code tryAcquire(1)}; both cannot succeed (3 > 2), and one of them must (if
 * actor 1 failed, actor 2 had already taken its permit, and the other way round). The arbiter reads the available
 * permits, releases what the actors hold and reads them again. Results: actor 1 and actor 2 acquired (1) or not
 * (0), permits available before and after the releases.
 */
@JCStressTest
@Outcome(id = "1, 0, 0, 2", expect = ACCEPTABLE, desc = "actor 1 took both permits, actor 2 found none")
@Outcome(id = "0, 1, 1, 2", expect = ACCEPTABLE, desc = "actor 2 took one, actor 1 found too few for its 2")
@Outcome(id = "1, 1, .*, .*", expect = FORBIDDEN, desc = "3 permits handed out from 2")
@Outcome(id = "0, 0, .*, .*", expect = FORBIDDEN, desc = "both failed while enough permits were available")
@Outcome(expect = FORBIDDEN, desc = "permit count wrong after the acquires or after the releases")
@State
public class SemaphoreMultiPermitTest
{
    private final Lease<SharedSemaphore> lease;
    private final SharedSemaphore semaphore;

    public SemaphoreMultiPermitTest()
    {
        lease = Pools.SEMAPHORES_2.acquire();
        semaphore = lease.handle();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = semaphore.tryAcquire(2) ? 1 : 0;
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = semaphore.tryAcquire(1) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = semaphore.availablePermits();
        semaphore.release(2 * r.r1 + r.r2);
        r.r4 = semaphore.availablePermits();
        Permits.restore(semaphore, 2);
        lease.release();
    }
}
