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
 * Neighbouring elements are independent: actor 1 {@link SharedIntArray#set}s element 0 to -1 (all ones), actor 2
 * sets element 1 to -1, at the same moment. Elements 0 and 1 share one aligned 8-byte word, so a write wider than
 * 4 bytes (or a read-modify-write of the word) would lose the other actor's write. Results: elements 0 to 3.
 */
@JCStressTest
@Outcome(id = "-1, -1, 0, 0", expect = ACCEPTABLE, desc = "both writes landed, on their own elements only")
@Outcome(id = {"-1, 0, 0, 0", "0, -1, 0, 0"}, expect = FORBIDDEN, desc = "one write erased its neighbour's")
@Outcome(expect = FORBIDDEN, desc = "a write landed on the wrong element or tore")
@State
public class IntArrayNeighboursTest
{
    private final Lease<SharedIntArray> lease;
    private final SharedIntArray array;

    public IntArrayNeighboursTest()
    {
        lease = Pools.INT_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1()
    {
        array.set(0, -1);
    }

    @Actor
    public void actor2()
    {
        array.set(1, -1);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r1 = array.get(0);
        r.r2 = array.get(1);
        r.r3 = array.get(2);
        r.r4 = array.get(3);
        lease.release();
    }
}
