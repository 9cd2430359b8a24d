package dev.shmem.stress.queues;

import dev.shmem.SharedQueue;
import dev.shmem.stress.DeadProducerQueue;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Recovery of a dead producer's slot is linearizable with a live producer's offer (issue 18): the slot at the
 * tail of the empty queue is claimed, not committed, by a dead producer ({@link
 * DeadProducerQueue#plantUncommittedClaim()}); actor 1 runs a consumer's recovery of the slot at the head while
 * actor 2 offers a message (which first helps commit the dead producer's position, then takes the next one). The
 * arbiter recovers once more and drains. The live message must come out exactly once whatever the overlap; the
 * recovery that read the tail before the helper's commit and then reset the slot lost that position for good (the
 * message stayed behind a slot no producer would ever write). Results: whether actor 1's recovery took the slot
 * over (1) or found it already taken over (0: impossible here, only actor 1 and then the arbiter recover),
 * whether actor 2's offer was accepted (1), and what the arbiter drained (1 the message; 0 nothing; 9 anything
 * else; 11 twice).
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the dead slot became a tombstone; the message came out once")
@Outcome(id = ".*, .*, 0", expect = FORBIDDEN, desc = "the live producer's message was lost behind the dead slot")
@Outcome(expect = FORBIDDEN, desc = "the message duplicated or torn, the offer refused, or the recovery missed")
@State
public class QueueRecoveryVersusOfferTest
{
    private static final byte[] MESSAGE = Messages.filled(16, 1);

    private final Lease<DeadProducerQueue> lease;
    private final DeadProducerQueue dead;
    private final SharedQueue queue;

    public QueueRecoveryVersusOfferTest()
    {
        lease = Pools.DEAD_PRODUCER_QUEUES.acquire();
        dead = lease.handle();
        queue = dead.queue();
        dead.plantUncommittedClaim();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = dead.recoverAtHead() ? 1 : 0;
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = queue.offer(MESSAGE) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        dead.recoverAtHead();
        r.r3 = Messages.drain(queue, MESSAGE);
        if (queue.isEmpty())
        {
            // A queue wedged by a lost position stays out of the pool (the state is FORBIDDEN anyway).
            lease.release();
        }
    }
}
