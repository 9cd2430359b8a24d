package dev.shmem.bench.jmh;

import dev.shmem.SharedQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One producer thread and one consumer thread of one JVM on a queue of {@value #SLOTS} slots, 8-byte messages:
 * {@link SharedQueue} (in a region in {@code /dev/shm}; copies the bytes in, allocates the array it returns)
 * against {@link ArrayBlockingQueue} (the producer offers a fresh copy of the message, so both allocate one array
 * per message).
 *
 * <ul>
 *   <li>{@code shared8}, {@code jdk8}: non-blocking {@code offer}/{@code poll}. When the two threads do not run
 *   at the same time (2 CPUs shared with other work), each spins on a full or an empty queue for its whole time
 *   slice, and the figure collapses: it is only meaningful on a quiet machine.</li>
 *   <li>{@code sharedTimed8}, {@code jdkTimed8}: {@code offer} and {@code poll} with a {@value #WAIT_MICROS} us
 *   timeout, i.e. the blocking path ({@code put}/{@code take}), bounded so that JMH can stop the threads at the
 *   end of an iteration: a thread that finds the queue full or empty spins briefly, then sleeps, and lets the
 *   other run.</li>
 * </ul>
 *
 * <p>JMH's score counts calls, including failed offers and polls; the secondary results {@code offered} and
 * {@code polled} count only messages that went through: read {@code polled} as the throughput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Group)
public class QueueBenchmark
{
    /** Queue capacity, as in the cross-process runner's queue scenarios. */
    public static final int SLOTS = 1024;
    /** Message length. */
    public static final int MESSAGE_BYTES = 8;
    /** Timeout of the timed variants. */
    public static final long WAIT_MICROS = 1000;

    private final byte[] message = new byte[MESSAGE_BYTES];
    private BenchRegion region;
    private SharedQueue shared;
    private ArrayBlockingQueue<byte[]> jdk;

    /**
     * Messages a producer thread got into the queue, per time unit.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Offers
    {
        /** Successful offers in this iteration. */
        public long offered;

        /**
         * Zeroes the count for the next iteration.
         */
        @Setup(Level.Iteration)
        public void reset()
        {
            offered = 0;
        }
    }

    /**
     * Messages a consumer thread took out of the queue, per time unit.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Polls
    {
        /** Successful polls in this iteration. */
        public long polled;

        /**
         * Zeroes the count for the next iteration.
         */
        @Setup(Level.Iteration)
        public void reset()
        {
            polled = 0;
        }
    }

    /**
     * Creates the region and both queues.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("queue");
        shared = region.region().queue("queue", SLOTS, MESSAGE_BYTES);
        jdk = new ArrayBlockingQueue<>(SLOTS);
    }

    /**
     * Closes and deletes the region.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        region.close();
    }

    @Benchmark
    @Group("shared8")
    @GroupThreads(1)
    public boolean sharedOffer(final Offers offers)
    {
        if (shared.offer(message))
        {
            offers.offered++;
            return true;
        }
        return false;
    }

    @Benchmark
    @Group("shared8")
    @GroupThreads(1)
    public byte[] sharedPoll(final Polls polls)
    {
        final byte[] taken = shared.poll();
        if (taken != null)
        {
            polls.polled++;
        }
        return taken;
    }

    @Benchmark
    @Group("jdk8")
    @GroupThreads(1)
    public boolean jdkOffer(final Offers offers)
    {
        if (jdk.offer(message.clone()))
        {
            offers.offered++;
            return true;
        }
        return false;
    }

    @Benchmark
    @Group("jdk8")
    @GroupThreads(1)
    public byte[] jdkPoll(final Polls polls)
    {
        final byte[] taken = jdk.poll();
        if (taken != null)
        {
            polls.polled++;
        }
        return taken;
    }
    @Benchmark
    @Group("sharedTimed8")
    @GroupThreads(1)
    public boolean sharedTimedOffer(final Offers offers) throws InterruptedException
    {
        if (shared.offer(message, WAIT_MICROS, TimeUnit.MICROSECONDS))
        {
            offers.offered++;
            return true;
        }
        return false;
    }

    @Benchmark
    @Group("sharedTimed8")
    @GroupThreads(1)
    public byte[] sharedTimedPoll(final Polls polls) throws InterruptedException
    {
        final byte[] taken = shared.poll(WAIT_MICROS, TimeUnit.MICROSECONDS);
        if (taken != null)
        {
            polls.polled++;
        }
        return taken;
    }

    @Benchmark
    @Group("jdkTimed8")
    @GroupThreads(1)
    public boolean jdkTimedOffer(final Offers offers) throws InterruptedException
    {
        if (jdk.offer(message.clone(), WAIT_MICROS, TimeUnit.MICROSECONDS))
        {
            offers.offered++;
            return true;
        }
        return false;
    }

    @Benchmark
    @Group("jdkTimed8")
    @GroupThreads(1)
    public byte[] jdkTimedPoll(final Polls polls) throws InterruptedException
    {
        final byte[] taken = jdk.poll(WAIT_MICROS, TimeUnit.MICROSECONDS);
        if (taken != null)
        {
            polls.polled++;
        }
        return taken;
    }
}
