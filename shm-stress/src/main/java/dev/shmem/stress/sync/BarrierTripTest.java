package dev.shmem.stress.sync;

import dev.shmem.SharedBarrier;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import dev.shmem.stress.UnitCheck;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A {@link SharedBarrier} of 2 parties trips exactly once per generation with every party's writes visible: each
 * of two actors writes its own plain field, {@code await}s, then checks it sees the other's field. The pooled
 * barrier is reused, so each state is a later generation of it (two actors, because jcstress runs a test only
 * with a CPU per actor). Results: the arrival index of actors 1 and 2 (0 and 1 in some order: one last arrival;
 * -1 for a broken or timed-out await), then for each actor whether it saw both writes after its await (1).
 */
@JCStressTest
@Outcome(id = {"0, 1, 1, 1", "1, 0, 1, 1"}, expect = ACCEPTABLE, desc = "one trip, each index once, both writes seen")
@Outcome(id = {"0, 0, .*", "1, 1, .*"}, expect = FORBIDDEN,
    desc = "two last arrivals or none: the barrier tripped twice, or not at all, in one generation")
@Outcome(id = {"[01], [01], 0, .*", "[01], [01], .*, 0"}, expect = FORBIDDEN,
    desc = "a write made before await not seen after it")
@Outcome(id = {"-1, .*", ".*, -1, .*"}, expect = FORBIDDEN, desc = "an await broke or timed out")
@Outcome(expect = FORBIDDEN, desc = "a result no run can give")
@UnitCheck(actorsTogether = true)
@State
public class BarrierTripTest
{
    static final int TIMEOUT_SECONDS = 10;

    private final Lease<SharedBarrier> lease;
    private final SharedBarrier barrier;
    private int x1;
    private int x2;

    public BarrierTripTest()
    {
        lease = Pools.BARRIERS_2.acquire();
        barrier = lease.handle();
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        x1 = 1;
        r.r1 = await();
        r.r3 = seesAll();
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        x2 = 1;
        r.r2 = await();
        r.r4 = seesAll();
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        lease.release();
    }

    private int seesAll()
    {
        return x1 + x2 == 2 ? 1 : 0;
    }

    private int await()
    {
        try
        {
            return barrier.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
        catch (final BrokenBarrierException | TimeoutException ex)
        {
            barrier.reset();
            return -1;
        }
    }
}
