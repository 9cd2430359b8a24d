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
 * Atomic updates of neighbouring elements are independent: actor 1 {@link SharedIntArray#incrementAndGet}s
 * element 0, actor 2 {@link SharedIntArray#decrementAndGet}s element 1 (the same aligned 8-byte word). Results:
 * actor 1's return, actor 2's return, element 0, element 1.
 */
@JCStressTest
@Outcome(id = "1, -1, 1, -1", expect = ACCEPTABLE, desc = "both updates landed, on their own elements only")
@Outcome(expect = FORBIDDEN, desc = "an update erased or changed its neighbour")
@State
public class IntArrayNeighbourUpdatesTest
{
    private final Lease<SharedIntArray> lease;
    private final SharedIntArray array;

    public IntArrayNeighbourUpdatesTest()
    {
        lease = Pools.INT_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        r.r1 = array.incrementAndGet(0);
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        r.r2 = array.decrementAndGet(1);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = array.get(0);
        r.r4 = array.get(1);
        lease.release();
    }
}
