package dev.shmem;

import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditions and barriers between real JVMs: a bounded buffer, lock-step generations, and kill -9 of a party, of
 * a waiter and of the lock holder.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrossProcessSyncTest
{
    /** A dead party must break the barrier "within 1 s"; allow slack for a loaded CI machine. */
    private static final long RECOVERY_LIMIT_MILLIS = 2_000;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void aBoundedBufferOnAConditionPassesEveryItemExactlyOnceBetweenTwoProducerAndTwoConsumerJvms()
        throws Exception
    {
        final Path path = dir.resolve("buffer.shm");
        final int perProducer = 5_000;
        final int total = 2 * perProducer;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            new SyncChildren.Buffer(region);
            final SharedIntArray seen = region.intArray("seen", total);
            final List<ChildJvm> children = new ArrayList<>();
            final long start = System.nanoTime();
            children.add(ChildJvm.start(SyncChildren.Producer.class, path.toString(), "0", "" + perProducer));
            children.add(ChildJvm.start(SyncChildren.Producer.class, path.toString(), "" + perProducer,
                "" + perProducer));
            children.add(ChildJvm.start(SyncChildren.Consumer.class, path.toString(), "" + total));
            children.add(ChildJvm.start(SyncChildren.Consumer.class, path.toString(), "" + total));
            releaseTogether(region, children);
            Children.awaitAll(children);
            System.out.printf("bounded buffer: %d items through %d slots, 2 x 2 JVMs, in %d ms (incl. JVM start)%n",
                total, SyncChildren.BUFFER_SLOTS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            for (int i = 0; i < total; i++)
            {
                assertEquals(1, seen.get(i), "item " + i + " taken that many times");
            }
            assertEquals(total, region.longValue("taken").get());
            assertEquals(0, region.longValue("count").get());
        }
    }

    @Test
    void fourJvmsGoThroughAThousandBarrierGenerationsSeeingEachOthersWrites() throws Exception
    {
        final Path path = dir.resolve("barrier.shm");
        final int parties = 4;
        final int generations = 1_000;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedBarrier barrier = region.barrier("b", parties);
            region.longArray("phase", parties);
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < parties; i++)
            {
                children.add(ChildJvm.start(SyncChildren.BarrierParty.class, path.toString(), "" + i, "" + parties,
                    "" + generations));
            }
            final long start = System.nanoTime();
            releaseTogether(region, children);
            Children.awaitAll(children);
            System.out.printf("barrier: %d JVMs through %d generations in %d ms%n", parties, generations,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertEquals(generations, region.longValue("zeros").get(), "one last arrival per generation");
            assertEquals(0, region.longValue("stale").get(), "a write before await not seen after it");
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.getNumberWaiting());
        }
    }

    @Test
    void killMinus9OfAPartyWaitingAtABarrierBreaksItForTheOthersWithinASecond() throws Exception
    {
        final Path path = dir.resolve("kill-barrier.shm");
        final int parties = 4;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedBarrier barrier = region.barrier("b", parties);
            try (ChildJvm victim = ChildJvm.start(SyncChildren.BarrierWaiter.class, path.toString(), "" + parties);
                 ChildJvm survivor = ChildJvm.start(SyncChildren.BarrierWaiter.class, path.toString(),
                     "" + parties))
            {
                awaitAtLeast(barrier::getNumberWaiting, 2, victim, survivor);
                Thread.sleep(200);
                victim.kill();
                final long dead = System.nanoTime();
                assertThrows(BrokenBarrierException.class, () -> barrier.await(30, TimeUnit.SECONDS));
                final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
                System.out.println("barrier broken " + millis + " ms after kill -9 of pid " + victim.pid());
                assertTrue(millis < RECOVERY_LIMIT_MILLIS, "broken after " + millis + " ms");
                survivor.awaitSuccess(Duration.ofSeconds(30));
                assertEquals(1, region.longValue("broken.seen").get(), "the other JVM saw the barrier broken");
                assertEquals(1, Internals.deadBreaks(barrier));
                assertTrue(barrier.isBroken());
                barrier.reset();
                assertFalse(barrier.isBroken());
                assertEquals(0, barrier.getNumberWaiting());
            }
        }
    }

    @Test
    void killMinus9OfTheLockHolderWakesTheConditionWaitersThroughTheTakeover() throws Exception
    {
        final Path path = dir.resolve("kill-holder.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            final SharedCondition cond = lock.newCondition("c");
            final SharedLong woke = region.longValue("woke");
            final List<ChildJvm> waiters = new ArrayList<>();
            waiters.add(ChildJvm.start(SyncChildren.ConditionWaiter.class, path.toString()));
            waiters.add(ChildJvm.start(SyncChildren.ConditionWaiter.class, path.toString()));
            awaitAtLeast(() -> Internals.waiters(cond), 2, waiters.toArray(new ChildJvm[0]));
            try (ChildJvm holder = ChildJvm.start(SyncChildren.LockHolder.class, path.toString()))
            {
                Children.awaitValue(region.longValue("held"), 1);
                Thread.sleep(200);
                assertEquals(0, woke.get(), "nobody signalled yet");
                holder.kill();
                final long dead = System.nanoTime();
                Children.awaitValue(woke, 2);
                System.out.println("condition waiters recovered " +
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead) + " ms after kill -9 of the holder");
                Children.awaitAll(waiters);
                assertEquals(1, region.longValue("repairs").get(), "one waiter took the lock over and repaired");
                assertEquals(1, lock.takeovers());
                assertTrue(lock.isConsistent());
                assertFalse(lock.isLocked());
            }
        }
    }

    @Test
    void aSignalTakenByAWaiterThatWasKilledGoesToALiveWaiter() throws Exception
    {
        final Path path = dir.resolve("kill-waiter.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            final SharedCondition cond = lock.newCondition("c");
            try (ChildJvm oldest = ChildJvm.start(SyncChildren.ConditionWaiter.class, path.toString()))
            {
                awaitAtLeast(() -> Internals.waiters(cond), 1, oldest);
                try (ChildJvm live = ChildJvm.start(SyncChildren.ConditionWaiter.class, path.toString()))
                {
                    awaitAtLeast(() -> Internals.waiters(cond), 2, oldest, live);
                    oldest.kill();
                    oldest.waitFor(Duration.ofSeconds(10));
                    lock.lock();
                    try
                    {
                        region.longValue("flag").set(1);
                        cond.signal();
                    }
                    finally
                    {
                        lock.unlock();
                    }
                    final long signalled = System.nanoTime();
                    live.awaitSuccess(Duration.ofSeconds(30));
                    System.out.println("signal re-granted from the dead waiter to the live one in " +
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled) + " ms");
                    assertEquals(1, region.longValue("woke").get());
                    assertEquals(1, Internals.regrants(cond));
                }
            }
        }
    }

    private static void releaseTogether(final SharedRegion region, final List<ChildJvm> children)
        throws InterruptedException
    {
        awaitAtLeast(() -> region.intValue("test.ready").get(), children.size(), children.toArray(new ChildJvm[0]));
        region.intValue("test.go").set(1);
    }

    private static void awaitAtLeast(final LongSupplier value, final long target, final ChildJvm... children)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + Children.TIMEOUT.toNanos();
        while (value.getAsLong() < target)
        {
            for (final ChildJvm child : children)
            {
                if (!child.isAlive())
                {
                    throw new AssertionError("child pid " + child.pid() + " exited early: " +
                        child.failure().orElse("status " + child.exitValue() + ", log " + child.logFile()));
                }
            }
            assertTrue(System.nanoTime() < deadline, "value stuck at " + value.getAsLong() + " < " + target);
            Thread.sleep(5);
        }
    }
}
