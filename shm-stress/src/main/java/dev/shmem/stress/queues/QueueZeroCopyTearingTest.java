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
import java.util.concurrent.ThreadLocalRandom;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The zero-copy verbs of a {@link SharedQueue} never show a torn view and deliver each message once, in order:
 * actor 1 offers two direct {@link ByteBuffer}s of {@value #LENGTH} random bytes (new for every state) with
 * {@code offer(ByteBuffer)} while actor 2 calls {@code poll(Consumer)} twice, identifying the read-only view of
 * the slot inside the reader (the only time it is valid); the arbiter drains the rest with {@code drain(reader,
 * 8)}. Results as in {@link QueueTearingTest}: actor 2's two polls (0 nothing, 1 the first message, 2 the second,
 * 9 anything else: torn, stale or writable), and the arbiter's drain (digits in order; 99 if an offer was refused).
 */
@JCStressTest
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "actor 2 read both messages, whole and in order")
@Outcome(id = {"1, 0, 2", "0, 1, 2"}, expect = ACCEPTABLE,
    desc = "actor 2 read the first message whole, the arbiter drained the second")
@Outcome(id = "0, 0, 12", expect = ACCEPTABLE, desc = "actor 2 found nothing yet, the arbiter drained both in order")
@Outcome(id = {"9, .*, .*", ".*, 9, .*", ".*, .*, 9", ".*, .*, .*9.*"}, expect = FORBIDDEN,
    desc = "a view torn (part new, part an earlier message), writable, or otherwise not as offered")
@Outcome(expect = FORBIDDEN, desc = "a message lost, duplicated or out of order, or an offer refused with room")
@State
public class QueueZeroCopyTearingTest
{
    static final int LENGTH = 128;

    private final Lease<SharedQueue> lease;
    private final SharedQueue queue;
    private final ByteBuffer first = ByteBuffer.allocateDirect(LENGTH);
    private final ByteBuffer second = ByteBuffer.allocateDirect(LENGTH);
    private volatile boolean refused;
    private int read;

    public QueueZeroCopyTearingTest()
    {
        lease = Pools.QUEUES.acquire();
        queue = lease.handle();
        final byte[] bytes = new byte[2 * LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        first.put(bytes, 0, LENGTH).flip();
        second.put(bytes, LENGTH, LENGTH).flip();
    }

    @Actor
    public void actor1()
    {
        refused = !queue.offer(first) | !queue.offer(second);
    }

    @Actor
    public void actor2(final III_Result r)
    {
        r.r1 = pollOne();
        r.r2 = pollOne();
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        final int[] drained = { 0 };
        queue.drain(view -> drained[0] = drained[0] * 10 + identify(view), 8);
        r.r3 = refused || first.position() != 0 || second.position() != 0 ? 99 : drained[0];
        lease.release();
    }

    private int pollOne()
    {
        read = Messages.NONE;
        queue.poll(view -> read = identify(view));
        return read;
    }

    private int identify(final ByteBuffer view)
    {
        if (!view.isReadOnly() || view.position() != 0)
        {
            return Messages.UNKNOWN;
        }
        if (view.equals(first))
        {
            return 1;
        }
        return view.equals(second) ? 2 : Messages.UNKNOWN;
    }
}
