package dev.shmem;

import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 chaos (issue 16): worker JVMs each run, in four threads, lock-protected bank transfers with a journal,
 * a semaphore holder, a queue producer and a queue consumer; the parent kills a random worker with SIGKILL every
 * few hundred milliseconds and starts it again. At the end: the bank's total is intact (a transfer cut by a kill
 * is rolled back from the journal by the next owner of the lock, which finds it inconsistent), every permit is
 * back, and every message a producer counted as sent was delivered, except at most one per killed consumer;
 * at most one is delivered twice per killed producer (sent, then killed before counting it). Uses only the public
 * API (and Internals for the dead owner's pid). The seed is printed; {@code -Dshm.chaos.seed=N} replays the kill
 * schedule.
 */
@Tag("chaos")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChaosTest
{
    static final int WORKERS = 3;
    static final int ACCOUNTS = 16;
    static final long OPENING_BALANCE = 1000;
    static final int PERMITS = 3;
    static final int MAX_SEQUENCE = 1 << 16;
    static final int SEEN_WORDS = MAX_SEQUENCE / 64;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void killedWorkersLoseNoMoneyNoPermitsAndOnlyInFlightMessages() throws Exception
    {
        final long seed = Long.getLong("shm.chaos.seed", System.nanoTime());
        final long runMillis = Long.getLong("shm.chaos.millis", 12_000);
        System.out.println("ChaosTest: seed " + seed + " (replay with -Dshm.chaos.seed=" + seed + ")");
        final Random random = new Random(seed);
        final Path path = dir.resolve("chaos.shm");
        try (SharedRegion region = SharedRegion.create(path, 8 << 20))
        {
            final SharedLongArray accounts = region.longArray("accounts", ACCOUNTS);
            for (int i = 0; i < ACCOUNTS; i++)
            {
                accounts.set(i, OPENING_BALANCE);
            }
            region.longArray("journal", 5);
            region.semaphore("permits", PERMITS);
            final SharedQueue queue = region.queue("q", 64, 16);
            final SharedInt stop = region.intValue("stop");
            final ChildJvm[] workers = new ChildJvm[WORKERS];
            for (int w = 0; w < WORKERS; w++)
            {
                workers[w] = start(path, w);
            }
            final SharedLongArray beats = region.longArray("beats", WORKERS);
            final long[] beatsAtStart = new long[WORKERS];
            final Set<Long> killedPids = new HashSet<>();
            int kills = 0;
            final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
            while (System.nanoTime() < end)
            {
                Thread.sleep(100 + random.nextInt(300));
                final int victim = random.nextInt(WORKERS);
                // Kill a worker at work, not one still starting its JVM.
                final long up = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (beats.get(victim) == beatsAtStart[victim] && workers[victim].isAlive() && System.nanoTime() < up)
                {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(50));
                if (!workers[victim].isAlive())
                {
                    throw new AssertionError("worker " + victim + " died on its own: " +
                        workers[victim].failure().orElse("log " + workers[victim].logFile()));
                }
                killedPids.add(workers[victim].pid());
                workers[victim].kill();
                workers[victim].close();
                kills++;
                beatsAtStart[victim] = beats.get(victim);
                workers[victim] = start(path, victim);
            }
            stop.set(1);
            for (final ChildJvm worker : workers)
            {
                worker.awaitSuccess(Duration.ofSeconds(60));
                worker.close();
            }

            final SharedLock bank = region.lock("bank");
            bank.lock();
            try
            {
                if (!bank.isConsistent())
                {
                    ChaosWorker.rollBack(region);
                    bank.markConsistent();
                }
                long total = 0;
                for (int i = 0; i < ACCOUNTS; i++)
                {
                    total += accounts.get(i);
                }
                assertEquals(ACCOUNTS * OPENING_BALANCE, total, "money is neither made nor lost");
            }
            finally
            {
                bank.unlock();
            }
            final long deadOwner = Internals.lastDeadOwnerPid(bank);
            assertTrue(deadOwner == 0 || killedPids.contains(deadOwner),
                "the last dead owner " + deadOwner + " is one of the killed pids " + killedPids);

            final SharedSemaphore permits = region.semaphore("permits", PERMITS);
            // A kill inside the two-step window between the permit CAS and the ledger update (docs/GUARANTEES.md,
            // "a process killed between taking permits and recording them leaks those permits") may leak one
            // permit; seen once in about seven runs. More than one leak means recovery itself failed.
            final boolean all = permits.tryAcquire(PERMITS, 10, TimeUnit.SECONDS);
            if (!all && permits.tryAcquire(PERMITS - 1, 1, TimeUnit.SECONDS))
            {
                System.out.println("seed " + seed + ": 1 permit leaked by a kill inside the documented window");
                permits.release(PERMITS - 1);
                permits.release();
            }
            else if (!all)
            {
                try (dev.shmem.inspect.RegionInspector inspector = dev.shmem.inspect.RegionInspector.open(path))
                {
                    throw new AssertionError("seed " + seed + ": not every permit came back: " +
                        permits.availablePermits() + " available of " + PERMITS + " after " + kills + " kills; " +
                        inspector.semaphore("permits").orElse(null) + "; processes " + inspector.processes());
                }
            }
            else
            {
                permits.release(PERMITS);
            }
            assertEquals(PERMITS, permits.availablePermits());

            byte[] left;
            while ((left = queue.poll()) != null)
            {
                ChaosWorker.markSeen(region, left);
            }
            final SharedLongArray sent = region.longArray("sent", WORKERS);
            final SharedLongArray seen = region.longArray("seen", WORKERS * SEEN_WORDS);
            long delivered = 0;
            long missing = 0;
            for (int p = 0; p < WORKERS; p++)
            {
                for (long s = 0; s < sent.get(p); s++)
                {
                    final boolean got = (seen.get(p * SEEN_WORDS + (int)(s >>> 6)) & (1L << (s & 63))) != 0;
                    delivered += got ? 1 : 0;
                    missing += got ? 0 : 1;
                }
            }
            final long duplicates = region.longValue("duplicates").get();
            System.out.println("ChaosTest: seed " + seed + ": " + kills + " kills in " + runMillis + " ms; " +
                region.longValue("transfers").get() + " transfers, " + region.longValue("rollbacks").get() +
                " rolled back from the journal, " + bank.takeovers() + " lock takeovers; " +
                Internals.recoveredPermits(permits) + " permits recovered; " + delivered + " messages delivered, " +
                missing + " lost with killed consumers (queue counted " + Internals.lostWithDeadConsumers(queue) +
                " in claimed slots, skipped " + Internals.skippedAfterDeadProducers(queue) +
                " slots of dead producers), " + duplicates + " delivered twice");
            assertTrue(kills > 0 && region.longValue("transfers").get() > 0 && delivered > 0, "the run did work");
            assertTrue(missing <= kills, missing + " messages missing for " + kills + " kills");
            assertTrue(duplicates <= kills, duplicates + " messages delivered twice for " + kills + " kills");
        }
    }

    private static ChildJvm start(final Path path, final int worker) throws IOException
    {
        return ChildJvm.start(ChaosWorker.class, path.toString(), Integer.toString(worker));
    }

    /** A worker JVM: {@code PATH WORKER}; runs its four roles until "stop" is set. */
    public static final class ChaosWorker
    {
        public static void main(final String[] args) throws Exception
        {
            final int worker = Integer.parseInt(args[1]);
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedInt stop = region.intValue("stop");
                final List<Thread> roles = new ArrayList<>();
                roles.add(role("bank", () -> bank(region, stop, worker)));
                roles.add(role("semaphore", () -> holder(region, stop)));
                roles.add(role("producer", () -> producer(region, stop, worker)));
                roles.add(role("consumer", () -> consumer(region, stop)));
                for (final Thread role : roles)
                {
                    role.join();
                }
            }
        }

        private static Thread role(final String name, final Interruptible body)
        {
            final Thread thread = new Thread(() ->
            {
                try
                {
                    body.run();
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(name + " interrupted", ex);
                }
            }, name);
            thread.start();
            return thread;
        }

        private static void bank(final SharedRegion region, final SharedInt stop, final int worker)
        {
            final SharedLock lock = region.lock("bank");
            final SharedLongArray accounts = region.longArray("accounts", ACCOUNTS);
            final SharedLongArray journal = region.longArray("journal", 5);
            final SharedLong transfers = region.longValue("transfers");
            final SharedLongArray beats = region.longArray("beats", WORKERS);
            while (stop.get() == 0)
            {
                beats.incrementAndGet(worker);
                final int from = ThreadLocalRandom.current().nextInt(ACCOUNTS);
                final int to = (from + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                lock.lock();
                try
                {
                    if (!lock.isConsistent())
                    {
                        rollBack(region);
                        lock.markConsistent();
                    }
                    final long amount = Math.min(accounts.get(from), ThreadLocalRandom.current().nextInt(1, 50));
                    // Volatile sets: the journal is complete in memory before any balance changes.
                    journal.set(1, from);
                    journal.set(2, to);
                    journal.set(3, accounts.get(from));
                    journal.set(4, accounts.get(to));
                    journal.set(0, 1);
                    accounts.set(from, accounts.get(from) - amount);
                    // A pause between debit and credit, so that kills land inside transfers.
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
                    accounts.set(to, accounts.get(to) + amount);
                    journal.set(0, 0);
                    transfers.incrementAndGet();
                }
                finally
                {
                    lock.unlock();
                }
            }
        }

        /** Under the bank lock, found inconsistent: undo the transfer a dead owner left half done. */
        static void rollBack(final SharedRegion region)
        {
            final SharedLongArray accounts = region.longArray("accounts", ACCOUNTS);
            final SharedLongArray journal = region.longArray("journal", 5);
            if (journal.get(0) == 1)
            {
                accounts.set((int)journal.get(1), journal.get(3));
                accounts.set((int)journal.get(2), journal.get(4));
                journal.set(0, 0);
                region.longValue("rollbacks").incrementAndGet();
            }
        }

        private static void holder(final SharedRegion region, final SharedInt stop) throws InterruptedException
        {
            final SharedSemaphore permits = region.semaphore("permits", PERMITS);
            while (stop.get() == 0)
            {
                if (permits.tryAcquire(1, 100, TimeUnit.MILLISECONDS))
                {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
                    permits.release();
                }
            }
        }

        private static void producer(final SharedRegion region, final SharedInt stop, final int worker)
            throws InterruptedException
        {
            final SharedQueue queue = region.queue("q", 64, 16);
            final SharedLongArray sent = region.longArray("sent", WORKERS);
            while (stop.get() == 0)
            {
                final long sequence = sent.get(worker);
                if (sequence >= MAX_SEQUENCE)
                {
                    Thread.sleep(10);
                    continue;
                }
                final byte[] message = ByteBuffer.allocate(12).putInt(worker).putLong(sequence).array();
                if (queue.offer(message, 100, TimeUnit.MILLISECONDS))
                {
                    // Counted after it is in the queue: a kill in between re-sends it (a duplicate, never a loss).
                    sent.set(worker, sequence + 1);
                }
            }
        }

        private static void consumer(final SharedRegion region, final SharedInt stop) throws InterruptedException
        {
            final SharedQueue queue = region.queue("q", 64, 16);
            while (stop.get() == 0)
            {
                final byte[] message = queue.poll(100, TimeUnit.MILLISECONDS);
                if (message != null)
                {
                    markSeen(region, message);
                }
            }
        }

        static void markSeen(final SharedRegion region, final byte[] message)
        {
            final ByteBuffer bytes = ByteBuffer.wrap(message);
            final int producer = bytes.getInt();
            final long sequence = bytes.getLong();
            final SharedLongArray seen = region.longArray("seen", WORKERS * SEEN_WORDS);
            final int word = producer * SEEN_WORDS + (int)(sequence >>> 6);
            final long bit = 1L << (sequence & 63);
            while (true)
            {
                final long old = seen.get(word);
                if ((old & bit) != 0)
                {
                    region.longValue("duplicates").incrementAndGet();
                    return;
                }
                if (seen.compareAndSet(word, old, old | bit))
                {
                    return;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Interruptible
    {
        void run() throws InterruptedException;
    }
}
