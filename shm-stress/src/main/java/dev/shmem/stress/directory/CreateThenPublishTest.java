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
 * Publication through an entry looked up by name while it is being created: the writer writes ordinary data
 * (a plain field), gets or creates the entry {@code longValue(name)} and {@link SharedLong#setRelease}s 42 into
 * it; the reader, at the same moment, gets or creates the same name, {@link SharedLong#getAcquire}s it, then
 * reads the data. Either may create the entry. The reader may come too early (0), but if it reads 42 it must see
 * the data; and whoever created the entry, its zero initialisation must never overwrite the 42 (read again at
 * the end through a third lookup). Results: the value the reader got, the data it read, the final value.
 */
@JCStressTest
@Outcome(id = "0, 0, 42", expect = ACCEPTABLE, desc = "reader came before the value, data not seen")
@Outcome(id = "0, 7, 42", expect = ACCEPTABLE, desc = "reader came before the value, data already visible")
@Outcome(id = "42, 7, 42", expect = ACCEPTABLE, desc = "reader saw the value and the data")
@Outcome(id = "42, 0, 42", expect = FORBIDDEN, desc = "value seen but data not: release/acquire did not order")
@Outcome(id = ".*, .*, 0", expect = FORBIDDEN, desc = "the 42 was lost: initialisation after the write, or two entries")
@Outcome(expect = FORBIDDEN, desc = "a value nobody wrote")
@State
public class CreateThenPublishTest
{
    private final FreshName fresh;
    private long data;

    public CreateThenPublishTest()
    {
        fresh = FreshNames.next();
    }

    @Actor
    public void writer()
    {
        data = 7;
        fresh.region().longValue(fresh.name()).setRelease(42);
    }

    @Actor
    public void reader(final JJJ_Result r)
    {
        r.r1 = fresh.region().longValue(fresh.name()).getAcquire();
        r.r2 = data;
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = fresh.region().longValue(fresh.name()).get();
        fresh.release();
    }
}
