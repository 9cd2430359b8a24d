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
 * Two actors {@link SharedInt#getAndAdd} 1 and {@link Integer#MAX_VALUE} to the same value: the sum wraps to
 * {@link Integer#MIN_VALUE} in either order (32-bit arithmetic on a 4-byte word, nothing spills into the bytes
 * after it). Results: actor 1's return, actor 2's return, the final value.
 */
@JCStressTest
@Outcome(id = "0, 1, -2147483648", expect = ACCEPTABLE, desc = "actor 1 added first")
@Outcome(id = "2147483647, 0, -2147483648", expect = ACCEPTABLE, desc = "actor 2 added first")
@Outcome(id = {"0, 0, 1", "0, 0, 2147483647"}, expect = FORBIDDEN, desc = "lost update: both read 0")
@Outcome(expect = FORBIDDEN, desc = "an update was lost, did not wrap, or a return matches no order")
@State
public class IntGetAndAddTest
{
    private final Lease<SharedInt> lease;
    private final SharedInt value;

    public IntGetAndAddTest()
    {
        lease = Pools.INTS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = value.getAndAdd(1);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = value.getAndAdd(Integer.MAX_VALUE);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
