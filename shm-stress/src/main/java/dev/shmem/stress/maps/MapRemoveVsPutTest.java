package dev.shmem.stress.maps;

import dev.shmem.SharedMap;
import dev.shmem.stress.Lease;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code remove} against {@code put} of the same key, which holds 1: one happens entirely before the other. r1:
 * what remove returned (0 null), r2: what put returned, r3: the final value (0 absent), r4: the final size.
 */
@JCStressTest
@Outcome(id = "1, 0, 2, 1", expect = ACCEPTABLE, desc = "remove, then put")
@Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "put, then remove")
@Outcome(expect = FORBIDDEN, desc = "the two overlapped: a lost or doubled entry, a wrong size")
@State
public class MapRemoveVsPutTest
{
    private final Lease<SharedMap<Long, Long>> lease = MapPools.LONGS.acquire();
    private final SharedMap<Long, Long> map = lease.handle();

    public MapRemoveVsPutTest()
    {
        map.put(9L, 1L);
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        final Long removed = map.remove(9L);
        r.r1 = removed == null ? 0 : removed.intValue();
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        final Long previous = map.put(9L, 2L);
        r.r2 = previous == null ? 0 : previous.intValue();
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        final Long value = map.get(9L);
        r.r3 = value == null ? 0 : value.intValue();
        r.r4 = map.size();
        lease.release();
    }
}
