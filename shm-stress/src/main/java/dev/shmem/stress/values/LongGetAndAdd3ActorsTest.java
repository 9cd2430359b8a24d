package dev.shmem.stress.values;

import dev.shmem.SharedLong;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Three actors {@link SharedLong#getAndAdd} 1, 10 and 100 to the same value. The returns are the sums of the
 * deltas added before, so each order of the three updates gives one outcome, and the final value is 111 in all.
 * Results: the three returns, the final value.
 */
@JCStressTest
@Outcome(id = "0, 1, 11, 111", expect = ACCEPTABLE, desc = "order 1, 2, 3")
@Outcome(id = "0, 101, 1, 111", expect = ACCEPTABLE, desc = "order 1, 3, 2")
@Outcome(id = "10, 0, 11, 111", expect = ACCEPTABLE, desc = "order 2, 1, 3")
@Outcome(id = "110, 0, 10, 111", expect = ACCEPTABLE, desc = "order 2, 3, 1")
@Outcome(id = "100, 101, 0, 111", expect = ACCEPTABLE, desc = "order 3, 1, 2")
@Outcome(id = "110, 100, 0, 111", expect = ACCEPTABLE, desc = "order 3, 2, 1")
@Outcome(expect = FORBIDDEN, desc = "an update was lost, or the returns match no order of the three updates")
@State
public class LongGetAndAdd3ActorsTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong value;

    public LongGetAndAdd3ActorsTest()
    {
        lease = Pools.LONGS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final JJJJ_Result r)
    {
        r.r1 = value.getAndAdd(1);
    }

    @Actor
    public void actor2(final JJJJ_Result r)
    {
        r.r2 = value.getAndAdd(10);
    }

    @Actor
    public void actor3(final JJJJ_Result r)
    {
        r.r3 = value.getAndAdd(100);
    }

    @Arbiter
    public void arbiter(final JJJJ_Result r)
    {
        r.r4 = value.get();
        lease.release();
    }
}
