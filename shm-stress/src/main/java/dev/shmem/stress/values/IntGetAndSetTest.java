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
 * Two actors {@link SharedInt#getAndSet} the same value to 1 and 2: the exchanges form a chain, so exactly one
 * actor gets the initial 0, the other gets the first one's value, and the final value is the second one's.
 * Results: actor 1's return, actor 2's return, the final value.
 */
@JCStressTest
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "actor 1 swapped first")
@Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "actor 2 swapped first")
@Outcome(id = {"0, 0, 1", "0, 0, 2"}, expect = FORBIDDEN, desc = "lost update: both swapped out the initial 0")
@Outcome(expect = FORBIDDEN, desc = "the exchanges match no order")
@State
public class IntGetAndSetTest
{
    private final Lease<SharedInt> lease;
    private final SharedInt value;

    public IntGetAndSetTest()
    {
        lease = Pools.INTS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = value.getAndSet(1);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = value.getAndSet(2);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
