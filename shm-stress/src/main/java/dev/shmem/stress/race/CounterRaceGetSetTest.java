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
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The counter race of the seed article, in jcstress form: two actors increment a shared counter with
 * {@code counter.set(counter.get() + 1)}. Each access is atomic, the increment is not: both actors may read the
 * same value, and one increment is lost. Compare {@link CounterRaceAtomicTest}, where the same race is forbidden.
 * Result: the final value.
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "no overlap: both increments counted")
@Outcome(id = "1", expect = ACCEPTABLE_INTERESTING, desc = "lost update: both read the same value")
@Outcome(expect = FORBIDDEN, desc = "a value two increments from 0 cannot give")
@State
public class CounterRaceGetSetTest
{
    private final Lease<SharedLong> lease;
    private final SharedLong counter;

    public CounterRaceGetSetTest()
    {
        lease = Pools.LONGS.acquire();
        counter = lease.handle();
    }

    @Actor
    public void actor1()
    {
        counter.set(counter.get() + 1);
    }

    @Actor
    public void actor2()
    {
        counter.set(counter.get() + 1);
    }

    @Arbiter
    public void arbiter(final J_Result r)
    {
        r.r1 = counter.get();
        lease.release();
    }
}
