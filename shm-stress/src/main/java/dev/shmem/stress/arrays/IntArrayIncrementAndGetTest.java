package dev.shmem.stress.arrays;

import dev.shmem.SharedIntArray;
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
 * Two actors {@link SharedIntArray#incrementAndGet} element 2 of the same array: no increment is lost and the
 * neighbours stay 0. Results: actor 1's return, actor 2's return, element 2, elements 1 + 3 (should stay 0).
 */
@JCStressTest
@Outcome(id = "1, 2, 2, 0", expect = ACCEPTABLE, desc = "actor 1 incremented first")
@Outcome(id = "2, 1, 2, 0", expect = ACCEPTABLE, desc = "actor 2 incremented first")
@Outcome(id = "1, 1, 1, 0", expect = FORBIDDEN, desc = "lost update: both read 0")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or landed on a neighbour")
@State
public class IntArrayIncrementAndGetTest
{
    private final Lease<SharedIntArray> lease;
    private final SharedIntArray array;

    public IntArrayIncrementAndGetTest()
    {
        lease = Pools.INT_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = array.incrementAndGet(2);
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = array.incrementAndGet(2);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = array.get(2);
        r.r4 = array.get(1) + array.get(3);
        lease.release();
    }
}
