package dev.shmem;

import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locks and semaphores between real JVMs: exclusion, bounded permits, dead holders, CPU use of a blocked waiter.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrossProcessLockTest
{
    private static final int CHILDREN = 4;
    private static final long INCREMENTS = 200_000;
    /** Recovery must happen "within about a second" of the death; allow slack for a loaded CI machine. */
    private static final long RECOVERY_LIMIT_MILLIS = 2_000;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void lockedPlainIncrementsFromFourJvmsAreExact() throws Exception
    {
        lockedIncrements("lock");
    }

    @Test
    void nestedReentrantLockedIncrementsFromFourJvmsAreExact() throws Exception
    {
        lockedIncrements("reentrant");
    }

    private void lockedIncrements(final String kind) throws Exception
    {
        final Path path = dir.resolve(kind + ".shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLong counter = region.longValue("counter");
            final long start = System.nanoTime();
            Children.awaitAll(Children.startTogether(region, Children.LockedCounter.class, CHILDREN,
                i -> new String[]{ path.toString(), kind, Long.toString(INCREMENTS) }));
            System.out.printf("%s: %d locked increments in %d ms (incl. JVM start)%n", kind, CHILDREN * INCREMENTS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertEquals(CHILDREN * INCREMENTS, counter.get());
        }
    }

    @Test
    void semaphoreOfTwoNeverHasMoreThanTwoHoldersAcrossFourJvms() throws Exception
    {
        final Path path = dir.resolve("sem.shm");
        final long rounds = 20_000;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedSemaphore slots = region.semaphore("slots", 2);
            Children.awaitAll(Children.startTogether(region, Children.SemaphoreUser.class, CHILDREN,
                i -> new String[]{ path.toString(), Long.toString(rounds) }));
            final long max = region.longValue("maxHolders").get();
            System.out.println("semaphore(2): most holders seen at once = " + max);
            assertTrue(max >= 1 && max <= 2, "max holders " + max);
            assertEquals(CHILDREN * rounds, region.longValue("acquisitions").get());
            assertEquals(0, region.longValue("holders").get());
            assertEquals(2, slots.availablePermits());
        }
    }

    @Test
    void killMinus9OfALockHolderLetsTheNextAcquirerTakeOverWithinASecond() throws Exception
    {
        final Path path = dir.resolve("kill-lock.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            final SharedLong held = region.longValue("held");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "0", "hang"))
            {
                Children.awaitValue(held, 1);
                assertEquals(holder.pid(), Internals.ownerPid(lock));
                assertFalse(lock.tryLock(200, TimeUnit.MILLISECONDS), "held by a live child");
                holder.kill();
                final long dead = System.nanoTime();
                assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "not taken over after kill -9");
                final long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
                System.out.println("lock taken over " + recoveryMillis + " ms after kill -9 of pid " + holder.pid());
                try
                {
                    assertTrue(recoveryMillis < RECOVERY_LIMIT_MILLIS, "recovery took " + recoveryMillis + " ms");
                    assertFalse(lock.isConsistent());
                    assertEquals(1, lock.takeovers());
                    assertEquals(holder.pid(), Internals.lastDeadOwnerPid(lock));
                    lock.markConsistent();
                    assertTrue(lock.isConsistent());
                }
                finally
                {
                    lock.unlock();
                }
                assertFalse(lock.isLocked());
            }
        }
    }

    @Test
    void killMinus9OfASemaphoreHolderReturnsItsPermits() throws Exception
    {
        final Path path = dir.resolve("kill-sem.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedSemaphore semaphore = region.boundedSemaphore("s", 2);
            final SharedLong held = region.longValue("held");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "semaphore", "0", "hang"))
            {
                Children.awaitValue(held, 1);
                assertEquals(0, semaphore.availablePermits());
                assertFalse(semaphore.tryAcquire(200, TimeUnit.MILLISECONDS), "permits held by a live child");
                holder.kill();
                final long dead = System.nanoTime();
                assertTrue(semaphore.tryAcquire(2, 10, TimeUnit.SECONDS), "permits not returned after kill -9");
                final long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dead);
                System.out.println("semaphore permits recovered " + recoveryMillis + " ms after kill -9");
                assertTrue(recoveryMillis < RECOVERY_LIMIT_MILLIS, "recovery took " + recoveryMillis + " ms");
                assertEquals(2, Internals.recoveredPermits(semaphore));
                assertEquals(2, Internals.heldByThisProcess(semaphore));
                semaphore.release(2);
                assertEquals(2, semaphore.availablePermits());
                assertThrows(IllegalStateException.class, semaphore::release, "bounded: no third permit");
            }
        }
    }

    @Test
    void aHolderThatExitsNormallyWithoutUnlockingIsRecoveredToo() throws Exception
    {
        final Path path = dir.resolve("exit.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "0", "exit"))
            {
                holder.awaitSuccess(Children.TIMEOUT);
            }
            assertTrue(lock.isLocked(), "the exited child still owns the word");
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS));
            assertFalse(lock.isConsistent());
            lock.unlock();
        }
    }

    @Test
    void closingARegionWhileHoldingItsLockHandsTheLockToTheNextProcess() throws Exception
    {
        final Path path = dir.resolve("close.shm");
        final SharedRegion region = SharedRegion.create(path, Children.CAPACITY);
        final SharedLock lock = region.lock("l");
        lock.lock();
        region.close();
        try (ChildJvm next = ChildJvm.start(Children.TryLocker.class, path.toString()))
        {
            next.awaitSuccess(Children.TIMEOUT);
        }
        try (SharedRegion again = SharedRegion.open(path))
        {
            assertEquals(1, again.longValue("got").get(), "the next process did not get the lock");
            assertEquals(1, again.longValue("inconsistent").get(), "a takeover must mark the lock inconsistent");
        }
        final IllegalMonitorStateException ex = assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(ex.getMessage().contains("not held"), ex.getMessage());
    }

    @Test
    void unlockAfterCloseReleasesALockNobodyTookOver() throws Exception
    {
        final Path path = dir.resolve("close-unlock.shm");
        final SharedRegion region = SharedRegion.create(path, Children.CAPACITY);
        final SharedLock lock = region.lock("l");
        lock.lock();
        region.close();
        lock.unlock();
        try (SharedRegion again = SharedRegion.open(path))
        {
            final SharedLock same = again.lock("l");
            assertTrue(same.tryLock());
            assertTrue(same.isConsistent(), "a clean unlock is not a takeover");
            same.unlock();
        }
    }

    @Test
    void aWaiterBlockedForTwoSecondsUsesAlmostNoCpu() throws Exception
    {
        final Path path = dir.resolve("cpu.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            final SharedLong held = region.longValue("held");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "2000", "release"))
            {
                Children.awaitValue(held, 1);
                final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                final long cpuBefore = threads.getCurrentThreadCpuTime();
                final long wallBefore = System.nanoTime();
                lock.lock();
                final long wall = System.nanoTime() - wallBefore;
                final long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
                lock.unlock();
                holder.awaitSuccess(Children.TIMEOUT);
                System.out.printf("blocked waiter: %.1f ms CPU over %.1f ms wall (%.2f%%)%n", cpu / 1e6, wall / 1e6,
                    100.0 * cpu / wall);
                assertTrue(wall >= TimeUnit.MILLISECONDS.toNanos(500), "did not really wait: " + wall + " ns");
                assertTrue(cpu < wall / 10, "waiter used " + cpu + " ns CPU in " + wall + " ns");
                assertTrue(lock.isConsistent(), "a clean hand-off is not a takeover");
            }
        }
    }

    @Test
    void timedAcquiresGiveUpWhileAnotherJvmHolds() throws Exception
    {
        final Path path = dir.resolve("timeout.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            final SharedLong held = region.longValue("held");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "0", "hang"))
            {
                Children.awaitValue(held, 1);
                final long start = System.nanoTime();
                assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS));
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
                assertFalse(lock.tryLock());
                assertEquals(holder.pid(), Internals.ownerPid(lock));
                assertTrue(lock.isConsistent());
            }
        }
    }
}
