package dev.shmem.stress.directory;

import dev.shmem.SharedLongArray;
import dev.shmem.stress.FreshName;
import dev.shmem.stress.FreshNames;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two actors call {@code region.longArray(name, 4)} for the same new name at the same moment, then each
 * increments element 3 through its own handle: both handles must address the same array. Results: actor 1's
 * return, actor 2's return, element 3 read through a third lookup of the name.
 */
@JCStressTest
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "one entry; actor 1 incremented first")
@Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "one entry; actor 2 incremented first")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "two entries of one name: each actor got its own memory")
@Outcome(expect = FORBIDDEN, desc = "lost increment, lost entry or a value that nobody wrote")
@State
public class SameNameArrayTest
{
    private static final int LENGTH = 4;

    private final FreshName fresh;

    public SameNameArrayTest()
    {
        fresh = FreshNames.next();
    }

    @Actor
    public void actor1(final JJJ_Result r)
    {
        final SharedLongArray array = fresh.region().longArray(fresh.name(), LENGTH);
        r.r1 = array.incrementAndGet(LENGTH - 1);
    }

    @Actor
    public void actor2(final JJJ_Result r)
    {
        final SharedLongArray array = fresh.region().longArray(fresh.name(), LENGTH);
        r.r2 = array.incrementAndGet(LENGTH - 1);
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = fresh.region().longArray(fresh.name(), LENGTH).get(LENGTH - 1);
        fresh.release();
    }
}
