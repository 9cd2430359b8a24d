package dev.shmem.stress.directory;

import dev.shmem.SharedLongArray;
import dev.shmem.stress.FreshName;
import dev.shmem.stress.FreshNames;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two actors create two different new names in the same region at the same moment, each a {@code long} array of
 * 16 elements (128 bytes: one allocation unit, so the two arrays are adjacent), and fill it with their own
 * pattern. The allocations race on the region's bump pointer and may probe the same directory records; the
 * arrays must not overlap. Results: the elements of array 1 holding pattern 1, of array 2 holding pattern 2.
 */
@JCStressTest
@Outcome(id = "16, 16", expect = ACCEPTABLE, desc = "two separate arrays, both intact")
@Outcome(expect = FORBIDDEN, desc = "the arrays overlap, or one actor got the other's entry")
@State
public class DistinctNamesTest
{
    private static final int LENGTH = 16;
    private static final long PATTERN_1 = 0x1111_1111_1111_1111L;
    private static final long PATTERN_2 = 0x2222_2222_2222_2222L;

    private final FreshName fresh;

    public DistinctNamesTest()
    {
        fresh = FreshNames.next(2);
    }

    @Actor
    public void actor1()
    {
        fill(fresh.region().longArray(fresh.name(0), LENGTH), PATTERN_1);
    }

    @Actor
    public void actor2()
    {
        fill(fresh.region().longArray(fresh.name(1), LENGTH), PATTERN_2);
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        r.r1 = count(fresh.region().longArray(fresh.name(0), LENGTH), PATTERN_1);
        r.r2 = count(fresh.region().longArray(fresh.name(1), LENGTH), PATTERN_2);
        fresh.release();
    }

    private static void fill(final SharedLongArray array, final long pattern)
    {
        for (int i = 0; i < LENGTH; i++)
        {
            array.set(i, pattern);
        }
    }

    private static int count(final SharedLongArray array, final long pattern)
    {
        int matches = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            if (array.get(i) == pattern)
            {
                matches++;
            }
        }
        return matches;
    }
}
