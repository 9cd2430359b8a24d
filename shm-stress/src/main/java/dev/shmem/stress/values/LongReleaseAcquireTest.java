package dev.shmem.stress.values;

import dev.shmem.SharedLong;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Message passing through a {@link SharedLong} flag: the writer stores the data with a plain write to an
 * ordinary field, then {@link SharedLong#setRelease}s the flag; the reader {@link SharedLong#getAcquire}s the
 * flag, then reads the data plainly. Only the release/acquire pair orders the plain accesses, so a reader that
 * sees the flag must see the data. Results: the flag read, the data read.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "flag not seen yet, data not seen")
@Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "flag not seen yet, data already visible (allowed)")
@Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "flag seen, data seen")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "flag seen but data not: release/acquire did not order")
@Outcome(expect = FORBIDDEN, desc = "a value nobody wrote")
@State
public class LongReleaseAcquireTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong flag;
    private long data;

    public LongReleaseAcquireTest()
    {
        lease = Pools.LONGS.acquire();
        flag = lease.handle();
    }

    @Actor
    public void writer()
    {
        data = 42;
        flag.setRelease(1);
    }

    @Actor
    public void reader(final JJ_Result r)
    {
        r.r1 = flag.getAcquire();
        r.r2 = data;
    }

    @Arbiter
    public void arbiter(final JJ_Result r)
    {
        lease.release();
    }
}
