package dev.shmem.stress.maps;

import dev.shmem.SharedMap;
import dev.shmem.stress.Lease;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Iteration and {@code get} never show a torn entry: key 1 holds {@value #LENGTH} random bytes A; actor 1 replaces
 * them with random bytes B and adds key 2; actor 2 iterates (r1: what it saw for key 1, 1 A, 2 B, 9 torn or
 * missing; r2: key 2, 0 absent, 1 whole, 9 torn) and then gets key 1 (r3, as r1). Once actor 1's second put is
 * seen, its first is too (one segment: one version).
 */
@JCStressTest
@Outcome(id = {"1, 0, 1", "1, 0, 2", "2, 0, 2", "2, 1, 2"}, expect = ACCEPTABLE, desc = "whole values, in order")
@Outcome(id = {"9, .*, .*", ".*, 9, .*", ".*, .*, 9"}, expect = FORBIDDEN, desc = "a torn or missing value")
@Outcome(id = {"1, 1, .*", "2, .*, 1"}, expect = FORBIDDEN, desc = "the second put seen without the first, or undone")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class MapIterationTearingTest
{
    static final int LENGTH = 64;

    private final Lease<SharedMap<Long, byte[]>> lease = MapPools.BYTES.acquire();
    private final SharedMap<Long, byte[]> map = lease.handle();
    private final byte[] a = new byte[LENGTH];
    private final byte[] b = new byte[LENGTH];

    public MapIterationTearingTest()
    {
        ThreadLocalRandom.current().nextBytes(a);
        ThreadLocalRandom.current().nextBytes(b);
        map.put(1L, a);
    }

    @Actor
    public void actor1()
    {
        map.put(1L, b);
        map.put(2L, a);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        int first = 9;
        int second = 0;
        for (final Map.Entry<Long, byte[]> e : map.entrySet())
        {
            if (e.getKey() == 1L)
            {
                first = identify(e.getValue());
            }
            else
            {
                second = e.getKey() == 2L && Arrays.equals(e.getValue(), a) ? 1 : 9;
            }
        }
        r.r1 = first;
        r.r2 = second;
        r.r3 = identify(map.get(1L));
    }

    private int identify(final byte[] value)
    {
        return Arrays.equals(value, a) ? 1 : Arrays.equals(value, b) ? 2 : 9;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        lease.release();
    }
}
