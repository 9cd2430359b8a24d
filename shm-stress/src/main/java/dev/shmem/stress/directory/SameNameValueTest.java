package dev.shmem.stress.directory;

import dev.shmem.SharedLong;
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
 * Two actors call {@code region.longValue(name)} for the same new name at the same moment, then each increments
 * through its own handle: if both handles address the same memory, the returns are 1 and 2 and a third lookup
 * reads 2. Results: actor 1's return, actor 2's return, the value read through a third lookup of the name.
 */
@JCStressTest
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "one entry; actor 1 incremented first")
@Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "one entry; actor 2 incremented first")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "two entries of one name: each actor got its own memory")
@Outcome(expect = FORBIDDEN, desc = "lost increment, lost entry or a value that nobody wrote")
@State
public class SameNameValueTest
{
    private final FreshName fresh;

    public SameNameValueTest()
    {
        fresh = FreshNames.next();
    }

    @Actor
    public void actor1(final JJJ_Result r)
    {
        final SharedLong value = fresh.region().longValue(fresh.name());
        r.r1 = value.incrementAndGet();
    }

    @Actor
    public void actor2(final JJJ_Result r)
    {
        final SharedLong value = fresh.region().longValue(fresh.name());
        r.r2 = value.incrementAndGet();
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = fresh.region().longValue(fresh.name()).get();
        fresh.release();
    }
}
