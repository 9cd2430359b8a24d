package dev.shmem.stress.arrays;

import dev.shmem.SharedLongArray;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Word tearing of a {@link SharedLongArray} element: one actor {@link SharedLongArray#set}s element 1 to -1 (all
 * ones) over 0, the other {@link SharedLongArray#get}s it. Only the old or the new value may be read. Result: the
 * value read.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "read before the write")
@Outcome(id = "-1", expect = ACCEPTABLE, desc = "read after the write")
@Outcome(id = {"4294967295", "-4294967296"}, expect = FORBIDDEN, desc = "torn: one 32-bit half written")
@Outcome(expect = FORBIDDEN, desc = "torn or a value nobody wrote")
@State
public class LongArrayTearingTest
{
    private final Lease<SharedLongArray> lease;
    private final SharedLongArray array;

    public LongArrayTearingTest()
    {
        lease = Pools.LONG_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void writer()
    {
        array.set(1, -1L);
    }

    @Actor
    public void reader(final J_Result r)
    {
        r.r1 = array.get(1);
    }

    @Arbiter
    public void arbiter(final J_Result r)
    {
        lease.release();
    }
}
