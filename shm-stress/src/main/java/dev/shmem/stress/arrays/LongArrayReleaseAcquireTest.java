package dev.shmem.stress.arrays;

import dev.shmem.SharedLongArray;
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
 * Message passing between two elements of one array: the writer {@link SharedLongArray#set}s element 0 (data),
 * then {@link SharedLongArray#setRelease}s element 1 (flag); the reader {@link SharedLongArray#getAcquire}s the
 * flag, then {@link SharedLongArray#get}s the data. A reader that sees the flag must see the data. Results: the
 * flag read, the data read.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "flag not seen yet, data not seen")
@Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "flag not seen yet, data already visible (allowed)")
@Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "flag seen, data seen")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "flag seen but data not: release/acquire did not order")
@Outcome(expect = FORBIDDEN, desc = "a value nobody wrote")
@State
public class LongArrayReleaseAcquireTest
{
    private final Lease<SharedLongArray> lease;
    private final SharedLongArray array;

    public LongArrayReleaseAcquireTest()
    {
        lease = Pools.LONG_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void writer()
    {
        array.set(0, 42);
        array.setRelease(1, 1);
    }

    @Actor
    public void reader(final JJ_Result r)
    {
        r.r1 = array.getAcquire(1);
        r.r2 = array.get(0);
    }

    @Arbiter
    public void arbiter(final JJ_Result r)
    {
        lease.release();
    }
}
