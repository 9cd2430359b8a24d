package dev.shmem.stress.arrays;

import dev.shmem.SharedLongArray;
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
 * Neighbouring elements are independent: actor 1 {@link SharedLongArray#set}s element 1 to -1 (all ones), actor 2
 * sets element 2 to -1, at the same moment; elements 0 and 3 stay 0. Results: elements 0 to 3.
 */
@JCStressTest
@Outcome(id = "0, -1, -1, 0", expect = ACCEPTABLE, desc = "both writes landed, on their own elements only")
@Outcome(id = {"0, -1, 0, 0", "0, 0, -1, 0"}, expect = FORBIDDEN, desc = "one write erased its neighbour's")
@Outcome(expect = FORBIDDEN, desc = "a write landed on the wrong element or tore")
@State
public class LongArrayNeighboursTest
{
    private final Lease<SharedLongArray> lease;
    private final SharedLongArray array;

    public LongArrayNeighboursTest()
    {
        lease = Pools.LONG_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1()
    {
        array.set(1, -1L);
    }

    @Actor
    public void actor2()
    {
        array.set(2, -1L);
    }

    @Arbiter
    public void arbiter(final JJJJ_Result r)
    {
        r.r1 = array.get(0);
        r.r2 = array.get(1);
        r.r3 = array.get(2);
        r.r4 = array.get(3);
        lease.release();
    }
}
