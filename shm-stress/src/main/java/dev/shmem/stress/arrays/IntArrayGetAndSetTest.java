package dev.shmem.stress.arrays;

import dev.shmem.SharedIntArray;
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
 * Two actors {@link SharedIntArray#getAndSet} element 0 of the same array to 1 and 2: exactly one gets the
 * initial 0. Results: actor 1's return, actor 2's return, element 0.
 */
@JCStressTest
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "actor 1 swapped first")
@Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "actor 2 swapped first")
@Outcome(id = {"0, 0, 1", "0, 0, 2"}, expect = FORBIDDEN, desc = "lost update: both swapped out the initial 0")
@Outcome(expect = FORBIDDEN, desc = "the exchanges match no order")
@State
public class IntArrayGetAndSetTest
{
    private final Lease<SharedIntArray> lease;
    private final SharedIntArray array;

    public IntArrayGetAndSetTest()
    {
        lease = Pools.INT_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = array.getAndSet(0, 1);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = array.getAndSet(0, 2);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = array.get(0);
        lease.release();
    }
}
