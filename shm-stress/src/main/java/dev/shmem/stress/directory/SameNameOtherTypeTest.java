package dev.shmem.stress.directory;

import dev.shmem.RegionFullException;
import dev.shmem.SharedRegion;
import dev.shmem.stress.FreshName;
import dev.shmem.stress.FreshNames;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two actors create the same new name at the same moment as different types, {@code longValue} and
 * {@code intValue}: exactly one succeeds, the other gets {@link IllegalStateException} (the name exists as the
 * other type), and the name then holds the winner's type. Results: whether actor 1 (long) succeeded, whether
 * actor 2 (int) succeeded, the type found afterwards (1 long, 2 int, 0 neither, 3 both).
 */
@JCStressTest
@Outcome(id = "true, false, 1", expect = ACCEPTABLE, desc = "the long value was created, the int refused")
@Outcome(id = "false, true, 2", expect = ACCEPTABLE, desc = "the int value was created, the long refused")
@Outcome(id = "true, true, .*", expect = FORBIDDEN, desc = "both succeeded: two entries of one name")
@Outcome(id = "false, false, .*", expect = FORBIDDEN, desc = "both refused: nobody created the name")
@Outcome(expect = FORBIDDEN, desc = "the name holds another type than the winner's")
@State
public class SameNameOtherTypeTest
{
    private static final int LONG = 1;
    private static final int INT = 2;

    private final FreshName fresh;

    public SameNameOtherTypeTest()
    {
        fresh = FreshNames.next();
    }

    @Actor
    public void actor1(final ZZI_Result r)
    {
        r.r1 = tryCreate(LONG);
    }

    @Actor
    public void actor2(final ZZI_Result r)
    {
        r.r2 = tryCreate(INT);
    }

    @Arbiter
    public void arbiter(final ZZI_Result r)
    {
        r.r3 = (tryCreate(LONG) ? LONG : 0) | (tryCreate(INT) ? INT : 0);
        fresh.release();
    }

    private boolean tryCreate(final int type)
    {
        final SharedRegion region = fresh.region();
        try
        {
            if (type == LONG)
            {
                region.longValue(fresh.name());
            }
            else
            {
                region.intValue(fresh.name());
            }
            return true;
        }
        catch (final RegionFullException full)
        {
            throw full;
        }
        catch (final IllegalStateException exists)
        {
            return false;
        }
    }
}
