package dev.shmem.stress.values;

import dev.shmem.SharedDouble;
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
 * Word tearing of a {@link SharedDouble}: one actor {@link SharedDouble#set}s {@code -Double.MAX_VALUE} (bits
 * {@code 0xFFEFFFFFFFFFFFFF}, nearly all ones and not a NaN, so the bits survive the trip through
 * {@code double}) over 0.0, the other {@link SharedDouble#get}s it. Only the old or the new bits may be read.
 * Result: the raw bits read, as a long.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "read before the write (0.0)")
@Outcome(id = "-4503599627370497", expect = ACCEPTABLE, desc = "read after the write (-Double.MAX_VALUE)")
@Outcome(id = {"4294967295", "-4503603922337792"}, expect = FORBIDDEN, desc = "torn: one 32-bit half written")
@Outcome(expect = FORBIDDEN, desc = "torn or a value nobody wrote")
@State
public class DoubleTearingTest
{
    private final Lease<SharedDouble> lease;
    private final SharedDouble value;

    public DoubleTearingTest()
    {
        lease = Pools.DOUBLES.acquire();
        value = lease.handle();
    }

    @Actor
    public void writer()
    {
        value.set(-Double.MAX_VALUE);
    }

    @Actor
    public void reader(final J_Result r)
    {
        r.r1 = Double.doubleToRawLongBits(value.get());
    }

    @Arbiter
    public void arbiter(final J_Result r)
    {
        lease.release();
    }
}
