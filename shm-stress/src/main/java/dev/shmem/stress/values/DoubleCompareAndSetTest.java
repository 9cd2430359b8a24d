package dev.shmem.stress.values;

import dev.shmem.SharedDouble;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZD_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two actors {@link SharedDouble#compareAndSet} the same value from 0.0, to 1.5 and to -2.5: exactly one wins and
 * its value stays. Results: actor 1's CAS, actor 2's CAS, the final value.
 */
@JCStressTest
@Outcome(id = "true, false, 1.5", expect = ACCEPTABLE, desc = "actor 1 won")
@Outcome(id = "false, true, -2.5", expect = ACCEPTABLE, desc = "actor 2 won")
@Outcome(id = "true, true, .*", expect = FORBIDDEN, desc = "both won: a CAS succeeded on a value already replaced")
@Outcome(id = "false, false, .*", expect = FORBIDDEN, desc = "nobody won: a CAS failed on the expected value")
@Outcome(expect = FORBIDDEN, desc = "the final value is not the winner's")
@State
public class DoubleCompareAndSetTest
{
    private final Lease<SharedDouble> lease;
    private final SharedDouble value;

    public DoubleCompareAndSetTest()
    {
        lease = Pools.DOUBLES.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final ZZD_Result r)
    {
        r.r1 = value.compareAndSet(0.0, 1.5);
    }

    @Actor
    public void actor2(final ZZD_Result r)
    {
        r.r2 = value.compareAndSet(0.0, -2.5);
    }

    @Arbiter
    public void arbiter(final ZZD_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
