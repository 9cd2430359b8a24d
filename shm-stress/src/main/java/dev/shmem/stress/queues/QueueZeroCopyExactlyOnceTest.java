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

import java.nio.ByteBuffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link QueueExactlyOnceTest} with the zero-copy verbs: two producers and two consumers at once, each actor
 * offering its own message with {@code offer(ByteBuffer)} (racing for the tail) and then reading once with {@code
 * poll(Consumer)} (racing for the head); the arbiter drains the rest with {@code drain}. Every message turns up
 * exactly once. Results: what actor 1 and actor 2 read (0 nothing, 1 actor 1's message, 2 actor 2's, 9 anything
 * else; plus 10 if the actor's offer was refused) and the arbiter's drain (digits in order, 0 for nothing).
 */
@JCStressTest
@Outcome(id = {"1, 2, 0", "2, 1, 0"}, expect = ACCEPTABLE, desc = "each actor read one message")
@Outcome(id = {"1, 0, 2", "2, 0, 1", "0, 1, 2", "0, 2, 1"}, expect = ACCEPTABLE,
    desc = "one actor read a message, the other found none; the arbiter drained the other message")
@Outcome(id = {"0, 0, 12", "0, 0, 21"}, expect = ACCEPTABLE,
    desc = "both polls found nothing yet; the arbiter drained both messages")
@Outcome(id = {"1, 1, .*", "2, 2, .*"}, expect = FORBIDDEN, desc = "a message delivered twice")
@Outcome(id = {"9, .*, .*", ".*, 9, .*"}, expect = FORBIDDEN, desc = "a view not as offered")
@Outcome(expect = FORBIDDEN, desc = "a message lost or duplicated, or an offer refused with room in the queue")
@State
public class QueueZeroCopyExactlyOnceTest
{
    private static final ByteBuffer MESSAGE_1 = ByteBuffer.wrap(Messages.filled(16, 1)).asReadOnlyBuffer();
    private static final ByteBuffer MESSAGE_2 = ByteBuffer.wrap(Messages.filled(24, 2)).asReadOnlyBuffer();

    private final Lease<SharedQueue> lease;
    private final SharedQueue queue;
    private int read1;
    private int read2;

    public QueueZeroCopyExactlyOnceTest()
    {
        lease = Pools.QUEUES.acquire();
        queue = lease.handle();
    }

    @Actor
    public void actor1(final III_Result r)
    {
        final int refused = queue.offer(MESSAGE_1.duplicate()) ? 0 : 10;
        queue.poll(view -> read1 = identify(view));
        r.r1 = refused + read1;
    }

    @Actor
    public void actor2(final III_Result r)
    {
        final int refused = queue.offer(MESSAGE_2.duplicate()) ? 0 : 10;
        queue.poll(view -> read2 = identify(view));
        r.r2 = refused + read2;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        final int[] drained = { 0 };
        queue.drain(view -> drained[0] = drained[0] * 10 + identify(view), 8);
        r.r3 = drained[0];
        lease.release();
    }

    private static int identify(final ByteBuffer view)
    {
        if (view.equals(MESSAGE_1))
        {
            return 1;
        }
        return view.equals(MESSAGE_2) ? 2 : Messages.UNKNOWN;
    }
}
