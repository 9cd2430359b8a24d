package dev.shmem.stress.arrays;

import dev.shmem.SharedDoubleArray;
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
 * Word tearing of a {@link SharedDoubleArray} element: one actor {@link SharedDoubleArray#set}s element 3 to
 * {@code -Double.MAX_VALUE} (bits {@code 0xFFEFFFFFFFFFFFFF}) over 0.0, the other reads it. Only the old or the new
 * bits may be read. Result: the raw bits read, as a long.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "read before the write (0.0)")
@Outcome(id = "-4503599627370497", expect = ACCEPTABLE, desc = "read after the write (-Double.MAX_VALUE)")
@Outcome(id = {"4294967295", "-4503603922337792"}, expect = FORBIDDEN, desc = "torn: one 32-bit half written")
@Outcome(expect = FORBIDDEN, desc = "torn or a value nobody wrote")
@State
public class DoubleArrayTearingTest
{
    private final Lease<SharedDoubleArray> lease;
    private final SharedDoubleArray array;

    public DoubleArrayTearingTest()
    {
        lease = Pools.DOUBLE_ARRAYS.acquire();
        array = lease.handle();
    }

    @Actor
    public void writer()
    {
        array.set(3, -Double.MAX_VALUE);
    }

    @Actor
    public void reader(final J_Result r)
    {
        r.r1 = Double.doubleToRawLongBits(array.get(3));
    }

    @Arbiter
    public void arbiter(final J_Result r)
    {
        lease.release();
    }
}
