package dev.shmem.stress.directory;

import dev.shmem.internal.TestHook;

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
 * An entry's initial value is published with the entry: two actors get-or-create the same new name with an
 * initial value of 42, the way {@code region.semaphore(name, permits)} will, then read the value with a
 * <em>plain</em> read. Whoever loses the creation race finds the record READY (acquire) and must see the
 * creator's 42, written plainly before the READY release; and the initial value is written once, by one creator.
 *
 * <p>This goes through {@code dev.shmem.internal.region.Directory}: the public factories always start an entry at
 * zero, and zero is also what the reader of an unpublished entry sees in a zero-filled file, so through them a
 * broken publication would look like a correct one. Results: actor 1's read, actor 2's read, the number of times
 * the initial value was written.
 */
@JCStressTest
@Outcome(id = "42, 42, 1", expect = ACCEPTABLE, desc = "one creator, both see the initial value")
@Outcome(id = {"0, 42, 1", "42, 0, 1"}, expect = FORBIDDEN,
    desc = "the loser found the entry before its initial value was visible")
@Outcome(id = ".*, .*, 2", expect = FORBIDDEN, desc = "both created the entry")
@Outcome(expect = FORBIDDEN, desc = "a value nobody wrote, or no creator")
@State
public class InitialValuePublishedTest
{
    private static final long INITIAL = 42;

    private final FreshName fresh;
    private boolean created1;
    private boolean created2;

    public InitialValuePublishedTest()
    {
        fresh = FreshNames.next();
    }

    @Actor
    public void actor1(final JJJ_Result r)
    {
        r.r1 = TestHook.getOrCreateLong(fresh.region(), fresh.name(), INITIAL, () -> created1 = true);
    }

    @Actor
    public void actor2(final JJJ_Result r)
    {
        r.r2 = TestHook.getOrCreateLong(fresh.region(), fresh.name(), INITIAL, () -> created2 = true);
    }

    @Arbiter
    public void arbiter(final JJJ_Result r)
    {
        r.r3 = (created1 ? 1 : 0) + (created2 ? 1 : 0);
        fresh.release();
    }
}
