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
 * {@code putIfAbsent} on a {@link SharedMap} has exactly one winner: two actors put their own value under one key;
 * exactly one sees null (r1, r2: 1 for the winner, 0 for the loser, which must see the winner's value) and the
 * arbiter finds the winner's value (r3).
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "actor 1 won, actor 2 saw its value")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "actor 2 won, actor 1 saw its value")
@Outcome(id = {"1, 1, .*", "0, 0, .*"}, expect = FORBIDDEN, desc = "two winners or none")
@Outcome(expect = FORBIDDEN, desc = "the loser saw another value, or the map holds neither")
@State
public class MapPutIfAbsentTest
{
    private final Lease<SharedMap<Long, Long>> lease = MapPools.LONGS.acquire();
    private final SharedMap<Long, Long> map = lease.handle();

    @Actor
    public void actor1(final III_Result r)
    {
        final Long previous = map.putIfAbsent(7L, 1L);
        r.r1 = previous == null ? 1 : previous == 2L ? 0 : 9;
    }

    @Actor
    public void actor2(final III_Result r)
    {
        final Long previous = map.putIfAbsent(7L, 2L);
        r.r2 = previous == null ? 1 : previous == 1L ? 0 : 9;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        final Long value = map.get(7L);
        r.r3 = value == null ? 0 : value.intValue();
        lease.release();
    }
}
