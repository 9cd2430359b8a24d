package dev.shmem.stress.values;

import dev.shmem.SharedLong;
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
 * Word tearing of a {@link SharedLong}: one actor {@link SharedLong#set}s all 64 bits to one (-1) over 0, the
 * other {@link SharedLong#get}s it. Only the old or the new value may be read, never half of each (an entry that
 * were misaligned across a cache line would tear on x86). Result: the value read.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "read before the write")
@Outcome(id = "-1", expect = ACCEPTABLE, desc = "read after the write")
@Outcome(id = {"4294967295", "-4294967296"}, expect = FORBIDDEN, desc = "torn: one 32-bit half written")
@Outcome(expect = FORBIDDEN, desc = "torn or a value nobody wrote")
@State
public class LongTearingTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong value;

    public LongTearingTest()
    {
        lease = Pools.LONGS.acquire();
        value = lease.handle();
    }

    @Actor
    public void writer()
    {
        value.set(-1L);
    }

    @Actor
    public void reader(final J_Result r)
    {
        r.r1 = value.get();
    }

    @Arbiter
    public void arbiter(final J_Result r)
    {
        lease.release();
    }
}
