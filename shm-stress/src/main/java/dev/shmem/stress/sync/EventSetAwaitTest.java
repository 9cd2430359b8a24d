package dev.shmem.stress.sync;

import dev.shmem.SharedEvent;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.concurrent.TimeUnit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link SharedEvent} set against await: actor 1 writes plain data and {@code set()}s; actor 2 {@code await}s
 * with a timeout (it may find the event set, or wait and be woken), then reads the data. Actions before set
 * happen-before the return of an await that saw it. Results: actor 2 returned true (1) or timed out (0), the data
 * it read (42), the flag afterwards (1).
 */
@JCStressTest
@Outcome(id = "1, 42, 1", expect = ACCEPTABLE, desc = "the set reached the waiter with the data before it")
@Outcome(id = "1, [^4].*, .*", expect = FORBIDDEN, desc = "released, but the data written before set not seen")
@Outcome(id = "0, .*, .*", expect = FORBIDDEN, desc = "the set never woke the waiter")
@Outcome(expect = FORBIDDEN, desc = "a result no run can give")
@State
public class EventSetAwaitTest
{
    static final int TIMEOUT_SECONDS = 10;

    private final Lease<SharedEvent> lease;
    private final SharedEvent event;
    private int data;

    public EventSetAwaitTest()
    {
        lease = Pools.EVENTS.acquire();
        event = lease.handle();
    }

    @Actor
    public void setter()
    {
        data = 42;
        event.set();
    }

    @Actor
    public void waiter(final III_Result r)
    {
        try
        {
            if (event.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                r.r1 = 1;
                r.r2 = data;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = event.isSet() ? 1 : 0;
        lease.release();
    }
}
