package dev.shmem.stress.maps;

import dev.shmem.SharedMap;
import dev.shmem.stress.Lease;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code compute} and {@code merge} are atomic: actor 1 increments a counter with {@code compute}, actor 2 with
 * {@code merge}; each returns the value it made (r1, r2), and the arbiter finds 2 (r3). A lost update (both make
 * 1, the arbiter finds 1) is forbidden.
 */
@JCStressTest
@Outcome(id = {"1, 2, 2", "2, 1, 2"}, expect = ACCEPTABLE, desc = "one after the other")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "lost update: both computed from an absent value")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class MapComputeAtomicityTest
{
    private final Lease<SharedMap<Long, Long>> lease = MapPools.LONGS.acquire();
    private final SharedMap<Long, Long> map = lease.handle();

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = map.compute(5L, (k, v) -> v == null ? 1L : v + 1).intValue();
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = map.merge(5L, 1L, Long::sum).intValue();
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = map.get(5L).intValue();
        lease.release();
    }
}
