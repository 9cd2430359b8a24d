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
 * Two actors increment the same value with a {@link SharedInt#get} + {@link SharedInt#compareAndSet} retry
 * loop: a CAS that succeeds on a stale value would lose an update. Results: the value each actor installed, the
 * final value.
 */
@JCStressTest
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "actor 1 won the first CAS")
@Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "actor 2 won the first CAS")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "lost update: both CAS from 0 succeeded")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or a value installed twice")
@State
public class IntCompareAndSetLoopTest
{
    private final Lease<SharedInt> lease;
    private final SharedInt value;

    public IntCompareAndSetLoopTest()
    {
        lease = Pools.INTS.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = increment();
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = increment();
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }

    private int increment()
    {
        while (true)
        {
            final int current = value.get();
            if (value.compareAndSet(current, current + 1))
            {
                return current + 1;
            }
        }
    }
}
