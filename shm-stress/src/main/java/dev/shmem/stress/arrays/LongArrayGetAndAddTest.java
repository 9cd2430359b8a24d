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
 * Two actors {@link SharedLongArray#getAndAdd} 1 and 10 to the last element (3) of the same array: the sum is 11
 * in either order and element 2 stays 0. Results: actor 1's return, actor 2's return, element 3, element 2.
 */
@JCStressTest
@Outcome(id = "0, 1, 11, 0", expect = ACCEPTABLE, desc = "actor 1 added first")
@Outcome(id = "10, 0, 11, 0", expect = ACCEPTABLE, desc = "actor 2 added first")
@Outcome(id = {"0, 0, 1, 0", "0, 0, 10, 0"}, expect = FORBIDDEN, desc = "lost update: both read 0")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or landed on a neighbour")
@State
public class LongArrayGetAndAddTest
{
    private final Lease<SharedLongArray> lease;
    private final SharedLongArray array;

    public LongArrayGetAndAddTest()
    {
        lease = Pools.LONG_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1(final JJJJ_Result r)
    {
        r.r1 = array.getAndAdd(3, 1);
    }

    @Actor
    public void actor2(final JJJJ_Result r)
    {
        r.r2 = array.getAndAdd(3, 10);
    }

    @Arbiter
    public void arbiter(final JJJJ_Result r)
    {
        r.r3 = array.get(3);
        r.r4 = array.get(2);
        lease.release();
    }
}
