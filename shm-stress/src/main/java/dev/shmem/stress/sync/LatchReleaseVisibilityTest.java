package dev.shmem.stress.sync;

import dev.shmem.SharedCountDownLatch;
import dev.shmem.stress.FreshName;
import dev.shmem.stress.FreshNames;
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
 * Release visibility of {@link SharedCountDownLatch}: from a latch of 2 (a fresh entry per state: a latch is not
 * reusable), actor 1 writes a plain field and {@code countDown()}s; actor 2 writes another, {@code countDown()}s
 * and {@code await}s with a timeout, then reads both fields (two actors: jcstress runs a test only with a CPU per
 * actor). Actions before each countDown happen-before the return of await. Results: actor 2 released (1) or timed
 * out (0), the sum of the fields it read (3), the count afterwards (0).
 */
@JCStressTest
@Outcome(id = "1, 3, 0", expect = ACCEPTABLE, desc = "released after both count-downs, both writes seen")
@Outcome(id = "1, [0-2], .*", expect = FORBIDDEN, desc = "released, but a write made before a count-down not seen")
@Outcome(id = "0, .*, .*", expect = FORBIDDEN, desc = "the last count-down never released the waiter")
@Outcome(expect = FORBIDDEN, desc = "a result no run can give")
@State
public class LatchReleaseVisibilityTest
{
    static final int TIMEOUT_SECONDS = 10;

    private final FreshName fresh;
    private final SharedCountDownLatch latch;
    private int a;
    private int b;

    public LatchReleaseVisibilityTest()
    {
        fresh = FreshNames.next();
        latch = fresh.region().countDownLatch(fresh.name(), 2);
    }

    @Actor
    public void actor1()
    {
        a = 1;
        latch.countDown();
    }

    @Actor
    public void actor2(final III_Result r)
    {
        b = 2;
        latch.countDown();
        try
        {
            if (latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                r.r1 = 1;
                r.r2 = a + b;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = (int)latch.getCount();
        fresh.release();
    }
}
