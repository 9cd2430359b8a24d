package dev.shmem.stress.queues;

import dev.shmem.SharedQueue;
import dev.shmem.stress.FreshName;
import dev.shmem.stress.FreshNames;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Close against offer on a {@link SharedQueue}: actor 1 offers a message while actor 2 closes the queue, asks
 * {@code isEndOfStream()} and polls; the arbiter drains what is left. An offer either succeeds, and then its
 * message is delivered exactly once although the queue is closed and end of stream comes only after it, or
 * throws {@link IllegalStateException} and nothing is delivered. A close is final, so every state makes a queue
 * of its own (a fresh name). Results: the offer (1 succeeded, 2 refused as closed, 0 returned false), actor 2 saw
 * end of stream right after its close (1) or not (0), messages delivered (actor 2's poll plus the drain; a message
 * not as offered counts 10), end of stream after the drain (1).
 */
@JCStressTest
@Outcome(id = "1, 0, 1, 1", expect = ACCEPTABLE,
    desc = "offered before the close: delivered once, end of stream after it")
@Outcome(id = "2, 1, 0, 1", expect = ACCEPTABLE, desc = "offered after the close: refused, end of stream at once")
@Outcome(id = "1, .*, 0, .*", expect = FORBIDDEN, desc = "the offer succeeded but its message was never delivered")
@Outcome(id = "1, 1, .*, .*", expect = FORBIDDEN,
    desc = "end of stream reported before a message offered before the close was taken")
@Outcome(id = "2, .*, [1-9].*, .*", expect = FORBIDDEN, desc = "a refused offer's message was delivered")
@Outcome(expect = FORBIDDEN, desc = "a message delivered twice or not as offered, or end of stream wrong")
@State
public class QueueCloseOfferTest
{
    private static final byte[] MESSAGE = Messages.filled(16, 7);

    private final FreshName fresh;
    private final SharedQueue queue;

    public QueueCloseOfferTest()
    {
        fresh = FreshNames.next();
        queue = fresh.region().queue(fresh.name(), 2, 16);
    }

    @Actor
    public void actor1(final IIII_Result r)
    {
        try
        {
            r.r1 = queue.offer(MESSAGE) ? 1 : 0;
        }
        catch (final IllegalStateException closed)
        {
            r.r1 = 2;
        }
    }

    @Actor
    public void actor2(final IIII_Result r)
    {
        queue.close();
        r.r2 = queue.isEndOfStream() ? 1 : 0;
        r.r3 = count(queue.poll());
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        for (byte[] message = queue.poll(); message != null && r.r3 < 100; message = queue.poll())
        {
            r.r3 += count(message);
        }
        r.r4 = queue.isEndOfStream() ? 1 : 0;
        fresh.release();
    }

    private static int count(final byte[] message)
    {
        final int identified = Messages.identify(message, MESSAGE);
        return identified == Messages.NONE ? 0 : identified == 1 ? 1 : 10;
    }
}
