package dev.shmem.stress.values;

import dev.shmem.SharedInt;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two actors {@link SharedInt#incrementAndGet} the same value: each sees a different result and no increment is
 * lost. Results: actor 1's return, actor 2's return, the final value.
 */
@JCStressTest
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "actor 1 incremented first")
@Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "actor 2 incremented first")
@Outcome(expect = FORBIDDEN, desc = "an increment was lost or returned a wrong value")
@State
public class IntIncrementAndGetTest
{
    private final Lease<SharedInt> lease;
    private final SharedInt value;

    public IntIncrementAndGetTest()
    {
        lease = Pools.INTS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = value.incrementAndGet();
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = value.incrementAndGet();
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
