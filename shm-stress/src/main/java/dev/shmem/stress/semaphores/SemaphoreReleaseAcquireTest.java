package dev.shmem.stress.semaphores;

import dev.shmem.SharedSemaphore;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.concurrent.TimeUnit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Release/acquire visibility of {@link SharedSemaphore}, the semaphore as a signal: from a semaphore of 0
 * permits, actor 1 writes plain data (two Java fields) and {@code release()}s; actor 2 {@code tryAcquire}s with a
 * timeout (so it may wait, and be woken by the release) and then reads the data. Actions before a release
 * happen-before actions after the acquire that takes its permit: actor 2 must see all the data. Results: actor 2
 * acquired (1) or not within {@value #TIMEOUT_SECONDS} s (0), the data sum it read, permits left (0).
 */
@JCStressTest
@Outcome(id = "1, 85, 0", expect = ACCEPTABLE, desc = "the permit arrived with the data written before it")
@Outcome(id = "1, .*, .*", expect = FORBIDDEN, desc = "permit taken, but data written before the release not seen")
@Outcome(id = "0, .*, .*", expect = FORBIDDEN, desc = "the released permit never reached the waiting acquire")
@Outcome(expect = FORBIDDEN, desc = "permits left over, or a result no run can give")
@State
public class SemaphoreReleaseAcquireTest
{
    static final int TIMEOUT_SECONDS = 10;

    private final Lease<SharedSemaphore> lease;
    private final SharedSemaphore semaphore;
    private int data1;
    private int data2;

    public SemaphoreReleaseAcquireTest()
    {
        lease = Pools.SEMAPHORES_0.acquire();
        semaphore = lease.handle();
    }

    @Actor
    public void actor1()
    {
        data1 = 42;
        data2 = 43;
        semaphore.release();
    }

    @Actor
    public void actor2(final III_Result r)
    {
        if (acquire())
        {
            r.r1 = 1;
            r.r2 = data1 + data2;
        }
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = semaphore.availablePermits();
        Permits.restore(semaphore, 0);
        lease.release();
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
