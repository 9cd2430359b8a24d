package dev.shmem.stress.sync;

import dev.shmem.SharedCondition;
import dev.shmem.SharedReentrantLock;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import dev.shmem.stress.Pools.LockWithCondition;
import dev.shmem.stress.UnitCheck;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.concurrent.TimeUnit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A signal is not lost, the race of {@code await} against {@code signal} on a {@link SharedCondition}: actor 1
 * locks, sets a plain flag and data, {@code signal()}s and unlocks; actor 2 locks and waits
 * ({@code await(TIMEOUT_SECONDS)}) while the flag is clear, then reads the data. Whichever runs first, actor 2 must
 * leave without a timed-out await and see the data. Results: timed-out awaits of actor 2 (0), the data it read
 * (42), whether it waited at all (1) or found the flag already set (0).
 */
@JCStressTest
@Outcome(id = "0, 42, 0", expect = ACCEPTABLE, desc = "the signaller ran first: no wait")
@Outcome(id = "0, 42, 1", expect = ACCEPTABLE_INTERESTING, desc = "the waiter waited and the signal woke it")
@Outcome(id = "[1-9], .*, .*", expect = FORBIDDEN, desc = "the signal was lost: an await timed out")
@Outcome(id = "0, [^4].*, .*", expect = FORBIDDEN, desc = "woken, but the data written under the lock not seen")
@Outcome(expect = FORBIDDEN, desc = "a result no run can give")
@UnitCheck(actorsTogether = true)
@State
public class ConditionSignalNotLostTest
{
    static final int TIMEOUT_SECONDS = 10;

    private final Lease<LockWithCondition> lease;
    private final SharedReentrantLock lock;
    private final SharedCondition condition;
    private boolean flag;
    private int data;

    public ConditionSignalNotLostTest()
    {
        lease = Pools.LOCKS_WITH_CONDITION.acquire();
        lock = lease.handle().lock();
        condition = lease.handle().condition();
    }

    @Actor
    public void signaller()
    {
        lock.lock();
        try
        {
            data = 42;
            flag = true;
            condition.signal();
        }
        finally
        {
            lock.unlock();
        }
    }

    @Actor
    public void waiter(final III_Result r)
    {
        lock.lock();
        try
        {
            while (!flag)
            {
                r.r3 = 1;
                if (!condition.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                {
                    r.r1++;
                }
            }
            r.r2 = data;
        }
        catch (final InterruptedException ex)
        {
            // Nobody interrupts jcstress actors; if it happens, report it as a lost signal.
            Thread.currentThread().interrupt();
            r.r1 = 9;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        lease.release();
    }
}
