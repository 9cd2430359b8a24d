package dev.shmem.stress.queues;

import dev.shmem.SharedQueue;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.concurrent.ThreadLocalRandom;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A message of a {@link SharedQueue} is never seen half-written, and one producer's messages arrive in order:
 * actor 1 offers two messages of {@value #LENGTH} random bytes (16 words each, new for every state, so that a slot
 * still holding an earlier state's message differs from the new one in every word) while actor 2 polls twice; the
 * arbiter drains what is left. A poll returns a message only after its producer's release store has published
 * all of it. Results: actor 2's two polls (0 nothing, 1 the first message, 2 the second, 9 anything else: torn or
 * stale), and what the arbiter drained (the digits of the messages in order, 0 for nothing; 99 if an offer was
 * refused, which it must not be: the queue has room).
 */
@JCStressTest
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "actor 2 polled both messages, whole and in order")
@Outcome(id = {"1, 0, 2", "0, 1, 2"}, expect = ACCEPTABLE,
    desc = "actor 2 polled the first message whole, the arbiter drained the second")
@Outcome(id = "0, 0, 12", expect = ACCEPTABLE, desc = "actor 2 found nothing yet, the arbiter drained both in order")
@Outcome(id = {"9, .*, .*", ".*, 9, .*", ".*, .*, 9", ".*, .*, .*9.*"}, expect = FORBIDDEN,
    desc = "a message torn (part new, part an earlier message) or otherwise not as offered")
@Outcome(id = {"2, 1, .*", "2, 0, 1", "0, 2, 1", "0, 0, 21"}, expect = FORBIDDEN,
    desc = "one producer's messages out of order")
@Outcome(expect = FORBIDDEN, desc = "a message lost or duplicated, or an offer refused with room in the queue")
@State
public class QueueTearingTest
{
    static final int LENGTH = 128;

    private final Lease<SharedQueue> lease;
    private final SharedQueue queue;
    private final byte[] first = new byte[LENGTH];
    private final byte[] second = new byte[LENGTH];
    private volatile boolean refused;

    public QueueTearingTest()
    {
        lease = Pools.QUEUES.acquire();
        queue = lease.handle();
        ThreadLocalRandom.current().nextBytes(first);
        ThreadLocalRandom.current().nextBytes(second);
    }

    @Actor
    public void actor1()
    {
        refused = !queue.offer(first) | !queue.offer(second);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r1 = Messages.identify(queue.poll(), first, second);
        r.r2 = Messages.identify(queue.poll(), first, second);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        final int drained = Messages.drain(queue, first, second);
        r.r3 = refused ? 99 : drained;
        lease.release();
    }
}
