package dev.shmem.stress.arrays;

import dev.shmem.SharedLongArray;
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
 * Two actors increment element 1 of the same array with a {@link SharedLongArray#get} +
 * {@link SharedLongArray#compareAndSet} retry loop. Results: the value each actor installed, element 1.
 */
@JCStressTest
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "actor 1 won the first CAS")
@Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "actor 2 won the first CAS")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "lost update: both CAS from 0 succeeded")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or a value installed twice")
@State
public class LongArrayCompareAndSetLoopTest
{
    private final Lease<SharedLongArray> lease;
    private final SharedLongArray array;

    public LongArrayCompareAndSetLoopTest()
    {
        lease = Pools.LONG_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void actor1(final JJJ_Result r)
    {
        r.r1 = increment();
    }

    @Actor
    public void actor2(final JJJ_Result r)
    {
        r.r2 = increment();
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = array.get(1);
        lease.release();
    }

    private long increment()
    {
        while (true)
        {
            final long current = array.get(1);
            if (array.compareAndSet(1, current, current + 1))
            {
                return current + 1;
            }
        }
    }
}
