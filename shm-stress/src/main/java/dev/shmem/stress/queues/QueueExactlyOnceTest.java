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

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Each message of a {@link SharedQueue} is delivered exactly once, with two producers and two consumers at once:
 * each actor offers its own message (racing the other for the tail) and then polls once (racing the other for the
 * head); the arbiter drains what is left. Every message turns up exactly once among the two polls and the drain;
 * a poll may find nothing (the queue was empty, or the message at the head was still being written). Results:
 * what actor 1 and actor 2 polled (0 nothing, 1 actor 1's message, 2 actor 2's, 9 anything else; plus 10 if the
 * actor's offer was refused, which it must not be: the queue has room) and what the arbiter drained (the digits
 * of the messages in order, 0 for nothing).
 */
@JCStressTest
@Outcome(id = {"1, 2, 0", "2, 1, 0"}, expect = ACCEPTABLE, desc = "each actor polled one message")
@Outcome(id = {"1, 0, 2", "2, 0, 1", "0, 1, 2", "0, 2, 1"}, expect = ACCEPTABLE,
    desc = "one actor polled a message, the other found none; the arbiter drained the other message")
@Outcome(id = {"0, 0, 12", "0, 0, 21"}, expect = ACCEPTABLE,
    desc = "both polls found nothing yet; the arbiter drained both messages")
@Outcome(id = {"1, 1, .*", "2, 2, .*"}, expect = FORBIDDEN, desc = "a message delivered twice")
@Outcome(id = {"9, .*, .*", ".*, 9, .*"}, expect = FORBIDDEN, desc = "a message not as offered")
@Outcome(expect = FORBIDDEN, desc = "a message lost or duplicated, or an offer refused with room in the queue")
@State
public class QueueExactlyOnceTest
{
    private static final byte[] MESSAGE_1 = Messages.filled(16, 1);
    private static final byte[] MESSAGE_2 = Messages.filled(16, 2);

    private final Lease<SharedQueue> lease;
    private final SharedQueue queue;

    public QueueExactlyOnceTest()
    {
        lease = Pools.QUEUES.acquire();
        queue = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        r.r1 = offerThenPoll(MESSAGE_1);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r2 = offerThenPoll(MESSAGE_2);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = Messages.drain(queue, MESSAGE_1, MESSAGE_2);
        lease.release();
    }

    private int offerThenPoll(final byte[] message)
    {
        final int refused = queue.offer(message) ? 0 : 10;
        return refused + Messages.identify(queue.poll(), MESSAGE_1, MESSAGE_2);
    }
}
