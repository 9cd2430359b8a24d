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
 * Permits never exceed the count: two actors {@code tryAcquire()} from a {@link SharedSemaphore} of 1 permit and
 * keep what they got; exactly one succeeds (the permit CAS never hands one permit out twice, and a failure with a
 * permit available would be spurious). The arbiter reads the available permits, releases what the actors hold
 * and reads them again. Results: actor 1 and actor 2 acquired (1) or not (0), permits available before and after
 * the releases.
 */
@JCStressTest
@Outcome(id = "1, 0, 0, 1", expect = ACCEPTABLE, desc = "actor 1 got the permit; it comes back on release")
@Outcome(id = "0, 1, 0, 1", expect = ACCEPTABLE, desc = "actor 2 got the permit; it comes back on release")
@Outcome(id = "1, 1, .*, .*", expect = FORBIDDEN, desc = "one permit handed out twice")
@Outcome(id = "0, 0, .*, .*", expect = FORBIDDEN, desc = "both failed while a permit was available")
@Outcome(expect = FORBIDDEN, desc = "permit count wrong after the acquire or after the release")
@State
public class SemaphoreTryAcquireTest
{
    private final Lease<SharedSemaphore> lease;
    private final SharedSemaphore semaphore;

    public SemaphoreTryAcquireTest()
    {
        lease = Pools.SEMAPHORES_1.acquire();
        semaphore = lease.handle();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = semaphore.tryAcquire() ? 1 : 0;
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = semaphore.tryAcquire() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = semaphore.availablePermits();
        semaphore.release(r.r1 + r.r2);
        r.r4 = semaphore.availablePermits();
        Permits.restore(semaphore, 1);
        lease.release();
    }
}
