package dev.shmem.stress.race;

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
 * The fix of {@link CounterRaceGetSetTest}: the same two increments with {@link SharedLong#incrementAndGet}, one
 * atomic read-modify-write, so the lost update is forbidden. Result: the final value.
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments counted")
@Outcome(id = "1", expect = FORBIDDEN, desc = "lost update: both read the same value")
@Outcome(expect = FORBIDDEN, desc = "a value two increments from 0 cannot give")
@State
public class CounterRaceAtomicTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong counter;

    public CounterRaceAtomicTest()
    {
        lease = Pools.LONGS.acquire();
        counter = lease.handle();
    }

    @Actor
    public void actor1()
    {
        counter.incrementAndGet();
    }

    @Actor
    public void actor2()
    {
        counter.incrementAndGet();
    }

    @Arbiter
    public void arbiter(final J_Result r)
    {
        r.r1 = counter.get();
        lease.release();
    }
}
