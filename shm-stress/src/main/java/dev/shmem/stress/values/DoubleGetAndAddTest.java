package dev.shmem.stress.values;

import dev.shmem.SharedDouble;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.DDD_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Actor 1 {@link SharedDouble#getAndAdd}s 0.5, actor 2 {@link SharedDouble#addAndGet}s 0.25 (both CAS loops on
 * the raw bits); the sums are exact in binary, so the final value is exactly 0.75 in either order. Results:
 * actor 1's return (the value before), actor 2's return (the value after), the final value.
 */
@JCStressTest
@Outcome(id = "0.0, 0.75, 0.75", expect = ACCEPTABLE, desc = "actor 1 added first")
@Outcome(id = "0.25, 0.25, 0.75", expect = ACCEPTABLE, desc = "actor 2 added first")
@Outcome(id = {"0.0, 0.25, 0.5", "0.0, 0.25, 0.25"}, expect = FORBIDDEN, desc = "lost update: both read 0.0")
@Outcome(expect = FORBIDDEN, desc = "an update was lost or a return matches no order")
@State
public class DoubleGetAndAddTest
{
    private final Lease<SharedDouble> lease;
    private final SharedDouble value;

    public DoubleGetAndAddTest()
    {
        lease = Pools.DOUBLES.acquire();
        value = lease.handle();
    }

    @Actor
    public void actor1(final DDD_Result r)
    {
        r.r1 = value.getAndAdd(0.5);
    }

    @Actor
    public void actor2(final DDD_Result r)
    {
        r.r2 = value.addAndGet(0.25);
    }

    @Arbiter
    public void arbiter(final DDD_Result r)
    {
        r.r3 = value.get();
        lease.release();
    }
}
