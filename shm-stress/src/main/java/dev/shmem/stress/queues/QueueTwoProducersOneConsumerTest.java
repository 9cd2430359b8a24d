package dev.shmem.stress.queues;

import dev.shmem.SharedQueue;
import dev.shmem.stress.Lease;
import dev.shmem.stress.Pools;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two producers and a consumer on a {@link SharedQueue}, three actors (jcstress needs 3 CPUs to run it; on 2 it
 * is not planned, and {@link QueueExactlyOnceTest} covers the same races with two actors that each produce and
 * consume): actors 1 and 2 offer one message each while actor 3 polls twice; the arbiter drains what is left.
 * Each message is delivered exactly once. Results: actor 3's two polls (0 nothing, 1 actor 1's message, 2 actor
 * 2's, 9 anything else), what the arbiter drained (the digits of the messages in order, 0 for nothing), and the
 * refused offers (0: the queue has room).
 */
@JCStressTest
@Outcome(id = {"1, 2, 0, 0", "2, 1, 0, 0"}, expect = ACCEPTABLE, desc = "the consumer polled both messages")
@Outcome(id = {"1, 0, 2, 0", "0, 1, 2, 0", "2, 0, 1, 0", "0, 2, 1, 0"}, expect = ACCEPTABLE,
    desc = "the consumer polled one message, the arbiter drained the other")
@Outcome(id = {"0, 0, 12, 0", "0, 0, 21, 0"}, expect = ACCEPTABLE,
    desc = "the consumer found nothing yet, the arbiter drained both")
@Outcome(id = {"1, 1, .*, .*", "2, 2, .*, .*"}, expect = FORBIDDEN, desc = "a message delivered twice")
@Outcome(expect = FORBIDDEN, desc = "a message lost, duplicated or not as offered, or an offer refused")
@State
public class QueueTwoProducersOneConsumerTest
{
    private static final byte[] MESSAGE_1 = Messages.filled(16, 1);
    private static final byte[] MESSAGE_2 = Messages.filled(16, 2);

    private final Lease<SharedQueue> lease;
    private final SharedQueue queue;
    private volatile boolean refused1;
    private volatile boolean refused2;

    public QueueTwoProducersOneConsumerTest()
    {
        lease = Pools.QUEUES.acquire();
        queue = lease.handle();
    }

    @Actor
    public void producer1()
    {
        refused1 = !queue.offer(MESSAGE_1);
    }

    @Actor
    public void producer2()
    {
        refused2 = !queue.offer(MESSAGE_2);
    }

    @Actor
    public void consumer(final IIII_Result r)
    {
        r.r1 = Messages.identify(queue.poll(), MESSAGE_1, MESSAGE_2);
        r.r2 = Messages.identify(queue.poll(), MESSAGE_1, MESSAGE_2);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = Messages.drain(queue, MESSAGE_1, MESSAGE_2);
        r.r4 = (refused1 ? 1 : 0) + (refused2 ? 1 : 0);
        lease.release();
    }
}
