package dev.shmem.stress.values;

import dev.shmem.SharedDouble;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.DJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Message passing through a {@link SharedDouble} flag: plain data write, {@link SharedDouble#setRelease} of the
 * flag to 1.0; {@link SharedDouble#getAcquire} of the flag, plain data read. A reader that sees the flag must see
 * the data. Results: the flag read, the data read.
 */
@JCStressTest
@Outcome(id = "0.0, 0", expect = ACCEPTABLE, desc = "flag not seen yet, data not seen")
@Outcome(id = "0.0, 42", expect = ACCEPTABLE, desc = "flag not seen yet, data already visible (allowed)")
@Outcome(id = "1.0, 42", expect = ACCEPTABLE, desc = "flag seen, data seen")
@Outcome(id = "1.0, 0", expect = FORBIDDEN, desc = "flag seen but data not: release/acquire did not order")
@Outcome(expect = FORBIDDEN, desc = "a value nobody wrote")
@State
public class DoubleReleaseAcquireTest
{
    private final Lease<SharedDouble> lease;
    private final SharedDouble flag;
    private long data;

    public DoubleReleaseAcquireTest()
    {
        lease = Pools.DOUBLES.acquire();
        flag = lease.handle();
    }

    @Actor
    public void writer()
    {
        data = 42;
        flag.setRelease(1.0);
    }

    @Actor
    public void reader(final DJ_Result r)
    {
        r.r1 = flag.getAcquire();
        r.r2 = data;
    }

    @Arbiter
    public void arbiter(final DJ_Result r)
    {
        lease.release();
    }
}
