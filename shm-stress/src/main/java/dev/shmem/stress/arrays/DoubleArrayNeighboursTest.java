package dev.shmem.stress.arrays;

import dev.shmem.SharedDoubleArray;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.DDDD_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Neighbouring elements are independent: actor 1 {@link SharedDoubleArray#set}s element 2 to
 * {@code -Double.MAX_VALUE}, actor 2 sets element 3 to {@code Double.MIN_VALUE}, at the same moment; elements 0
 * and 1 stay 0.0. Results: elements 0 to 3.
 */
@JCStressTest
@Outcome(id = "0.0, 0.0, -1.7976931348623157E308, 4.9E-324", expect = ACCEPTABLE,
    desc = "both writes landed, on their own elements only")
@Outcome(id = {"0.0, 0.0, -1.7976931348623157E308, 0.0", "0.0, 0.0, 0.0, 4.9E-324"}, expect = FORBIDDEN,
    desc = "one write erased its neighbour's")
@Outcome(expect = FORBIDDEN, desc = "a write landed on the wrong element or tore")
@State
public class DoubleArrayNeighboursTest
{
    private final Lease<SharedDoubleArray> lease;
    private final SharedDoubleArray array;

    public DoubleArrayNeighboursTest()
    {
        lease = Pools.DOUBLE_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1()
    {
        array.set(2, -Double.MAX_VALUE);
    }

    @Actor
    public void actor2()
    {
        array.set(3, Double.MIN_VALUE);
    }

    @Arbiter
    public void arbiter(final DDDD_Result r)
    {
        r.r1 = array.get(0);
        r.r2 = array.get(1);
        r.r3 = array.get(2);
        r.r4 = array.get(3);
        lease.release();
    }
}
