package dev.shmem.stress.values;

import dev.shmem.SharedLong;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two actors {@link SharedLong#getAndAdd} 1 and 10 to the same value: the returns tell the order, the sum is
 * always 11. Results: actor 1's return, actor 2's return, the final value.
 */
@JCStressTest
@Outcome(id = "0, 1, 11", expect = ACCEPTABLE, desc = "actor 1 added first")
@Outcome(id = "10, 0, 11", expect = ACCEPTABLE, desc = "actor 2 added first")
@Outcome(id = {"0, 0, 1", "0, 0, 10"}, expect = FORBIDDEN, desc = "lost update: both read 0")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or a return matches no order")
@State
public class LongGetAndAddTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong value;

    public LongGetAndAddTest()
    {
        lease = Pools.LONGS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final JJJ_Result r)
    {
        r.r1 = value.getAndAdd(1);
    }

    @Actor
    public void actor2(final JJJ_Result r)
    {
        r.r2 = value.getAndAdd(10);
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
