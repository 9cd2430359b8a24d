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
 * Actor 1 {@link SharedLong#getAndIncrement}s, actor 2 {@link SharedLong#decrementAndGet}s the same value: the
 * two updates cancel out whatever their order. Results: actor 1's return, actor 2's return, the final value.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "actor 1 incremented first")
@Outcome(id = "-1, -1, 0", expect = ACCEPTABLE, desc = "actor 2 decremented first")
@Outcome(id = {"0, -1, 1", "0, -1, -1"}, expect = FORBIDDEN, desc = "lost update: both read 0")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or a return matches no order")
@State
public class LongIncrementDecrementTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong value;

    public LongIncrementDecrementTest()
    {
        lease = Pools.LONGS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final JJJ_Result r)
    {
        r.r1 = value.getAndIncrement();
    }

    @Actor
    public void actor2(final JJJ_Result r)
    {
        r.r2 = value.decrementAndGet();
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
