package dev.shmem.stress.maps;

import dev.shmem.SharedMap;
import dev.shmem.stress.Lease;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@code put} happens-before the lock-free {@code get} that sees it: actor 1 writes a plain field, then puts;
 * actor 2 gets, then reads the field. Seeing the value (r1 = 42) but not the field (r2 = 0) is forbidden.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "get before the put: nothing")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "get before the put, field read after it")
@Outcome(id = "42, 1", expect = ACCEPTABLE, desc = "the value and everything before the put")
@Outcome(id = "42, 0", expect = FORBIDDEN, desc = "the value seen without the writes before the put")
@Outcome(expect = FORBIDDEN, desc = "a value that was never put")
@State
public class MapPutGetVisibilityTest
{
    private final Lease<SharedMap<Long, Long>> lease = MapPools.LONGS.acquire();
    private final SharedMap<Long, Long> map = lease.handle();
    private int field;

    @Actor
    public void actor1()
    {
        field = 1;
        map.put(3L, 42L);
    }

    @Actor
    public void actor2(final II_Result r)
    {
        final Long value = map.get(3L);
        r.r1 = value == null ? 0 : value.intValue();
        r.r2 = field;
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        lease.release();
    }
}
