package dev.shmem;

import dev.shmem.pool.JvmPool;
import dev.shmem.pool.PoolProtocol;
import dev.shmem.pool.PoolTask;
import dev.shmem.pool.TaskFailedException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per defect the review of the first JvmPool found (issue 17), each failing on that pool, plus the
 * shared task queue's attribution of a dead worker's task, retries and the map timeout.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JvmPoolDefectsTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    private JvmPool.Builder pool(final int workers)
    {
        return JvmPool.builder().workers(workers).regionDirectory(dir.path()).logDirectory(dir.resolve("logs"));
    }

    /** Which input of a run, and where runs are counted. */
    record Tick(String region, int index, int inputs) implements java.io.Serializable
    {
    }

    /** Counts its run of input {@code index} in the region, then sleeps 2 ms. */
    static final class CountedSleep implements PoolTask<Tick, Integer>
    {
        private SharedLongArray runs;

        @Override
        public Integer apply(final Tick tick) throws Exception
        {
            if (runs == null)
            {
                runs = SharedRegion.open(Path.of(tick.region())).longArray("runs", tick.inputs());
            }
            runs.incrementAndGet(tick.index());
            Thread.sleep(2);
            return tick.index();
        }
    }

    /** Exits its worker the first time (when the marker file does not exist yet), succeeds the second. */
    static final class ExitOnce implements PoolTask<String, String>
    {
        @Override
        public String apply(final String marker) throws IOException
        {
            final Path path = Path.of(marker);
            if (!Files.exists(path))
            {
                Files.createFile(path);
                System.exit(3);
            }
            return "second run";
        }
    }

    /** Defect 1: every death used a new inbox, and the 12th did not fit the region any more. */
    @Test
    void anyNumberOfWorkerDeathsIsSurvived() throws Exception
    {
        try (JvmPool pool = pool(1).maxMessageBytes(64 * 1024).build())
        {
            for (int death = 0; death < 16; death++)
            {
                final ExecutionException ex = assertThrows(ExecutionException.class,
                    () -> pool.submit(JvmPoolTest.Exit.class, 3).get(60, TimeUnit.SECONDS));
                assertEquals(TaskFailedException.Reason.WORKER_DIED, ((TaskFailedException)ex.getCause()).reason(),
                    "death " + death);
            }
            assertEquals(List.of(1L, 4L, 9L), pool.map(JvmPoolTest.Square.class, List.of(1, 2, 3)));
        }
    }

    /** Defect 2: the pool kept the live builder, so a later maxMessageBytes let an oversized input in. */
    @Test
    void theBuilderIsCopiedAtBuild() throws Exception
    {
        final JvmPool.Builder builder = pool(1).maxMessageBytes(1024);
        try (JvmPool pool = builder.build())
        {
            builder.maxMessageBytes(1 << 20).workers(3);
            final IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> pool.submit(JvmPoolTest.Upper.class, "x".repeat(5000)));
            assertTrue(big.getMessage().contains("1024"), big.getMessage());
            assertEquals(1, pool.workers());
            assertEquals(List.of("A"), pool.map(JvmPoolTest.Upper.class, List.of("a")), "the pool still works");
        }
    }

    /** Defect 3: futures completed on the dispatcher, so a map in a dependent stage waited for itself. */
    @Test
    void aDependentStageMayWaitForThePool() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final CompletableFuture<List<Long>> then = pool.submit(JvmPoolTest.Square.class, 2).thenApply(four ->
                mapOrThrow(pool, four.intValue()));
            assertEquals(List.of(16L), then.get(60, TimeUnit.SECONDS));
            final CompletableFuture<List<Long>> recovered = pool.submit(JvmPoolTest.Fail.class, "boom")
                .thenApply(ignored -> List.<Long>of()).exceptionally(error -> mapOrThrow(pool, 5));
            assertEquals(List.of(25L), recovered.get(60, TimeUnit.SECONDS));
            // A stage attached before completion runs on a completion thread; one attached after it (a fast task)
            // runs on the attaching thread, as CompletableFuture specifies: never on the dispatcher.
            final Thread[] completer = new Thread[1];
            pool.submit(JvmPoolTest.Square.class, 1).thenAccept(ignored -> completer[0] = Thread.currentThread())
                .get(60, TimeUnit.SECONDS);
            assertTrue(completer[0].getName().startsWith("shm-pool-completion-") || completer[0] == Thread.currentThread(),
                completer[0].getName());
        }
    }

    /** Defect 4: a pool whose queues did not fit left its (2 GiB) region file behind. */
    @Test
    void aPoolThatCannotBeBuiltLeavesNoFile() throws Exception
    {
        final IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
            () -> pool(64).maxMessageBytes(16 << 20).build());
        assertTrue(tooBig.getMessage().contains("maxMessageBytes"), tooBig.getMessage());
        assertEquals(List.of(), regionFiles());
        final Path notADirectory = Files.createFile(dir.resolve("plain-file"));
        assertThrows(IOException.class, () -> pool(1).logDirectory(notADirectory).build());
        assertEquals(List.of(), regionFiles());
    }

    /** Defect 5: if removing the region threw, join() never returned true. */
    @Test
    void joinReturnsEvenIfTheRegionFileCannotBeRemoved() throws Exception
    {
        final JvmPool pool = pool(1).build();
        assertEquals(List.of(4L), pool.map(JvmPoolTest.Square.class, List.of(2)));
        final Path region = regionFiles().get(0);
        // A non-empty directory where the region file was: deleting it fails.
        Files.delete(region);
        Files.createDirectory(region);
        Files.createFile(region.resolve("keep"));
        pool.shutdown();
        assertTrue(pool.join(Duration.ofSeconds(60)), "join after a failed clean-up");
        assertEquals(List.of(), pool.workerPids());
        pool.close();
    }

    /**
     * Defect 7: with workers killed every 60 ms (replacements too, while they start), every one of 3,000 tasks
     * completes or fails with WORKER_DIED, none runs twice, none is left hanging, and the pool still works.
     */
    @Test
    void fiftyKillsDuringThousandsOfTasksLeaveNoTaskHanging() throws Exception
    {
        final int inputs = 3000;
        final Path counted = dir.resolve("runs.shm");
        try (SharedRegion region = SharedRegion.create(counted, 1 << 20);
            JvmPool pool = pool(2).build())
        {
            final SharedLongArray runs = region.longArray("runs", inputs);
            final List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < inputs; i++)
            {
                futures.add(pool.submit(CountedSleep.class, new Tick(counted.toString(), i, inputs)));
            }
            int kills = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (kills < 50 && System.nanoTime() < deadline)
            {
                final List<Long> pids = pool.workerPids();
                if (!pids.isEmpty())
                {
                    final long victim = pids.get(ThreadLocalRandom.current().nextInt(pids.size()));
                    if (ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false))
                    {
                        kills++;
                    }
                }
                Thread.sleep(60);
            }
            assertEquals(50, kills, "kills within two minutes");
            int completed = 0;
            int died = 0;
            for (int i = 0; i < inputs; i++)
            {
                try
                {
                    assertEquals(i, futures.get(i).get(120, TimeUnit.SECONDS));
                    assertEquals(1, runs.get(i), "runs of completed task " + i);
                    completed++;
                }
                catch (final ExecutionException ex)
                {
                    final TaskFailedException failure = (TaskFailedException)ex.getCause();
                    assertEquals(TaskFailedException.Reason.WORKER_DIED, failure.reason(), failure.getMessage());
                    assertTrue(runs.get(i) <= 1, "runs of failed task " + i);
                    died++;
                }
            }
            assertEquals(inputs, completed + died);
            assertTrue(died <= 50, died + " tasks failed for 50 kills");
            assertEquals(List.of(1L, 4L), pool.map(JvmPoolTest.Square.class, List.of(1, 2)), "the pool still works");
        }
    }

    /**
     * The delicate case of the shared queue: a worker killed after taking a task and before naming it. The task
     * is still attributed to it (failed, or run again with retries), never left hanging.
     */
    @Test
    void aWorkerKilledBetweenTakingATaskAndNamingItStillFailsThatTask() throws Exception
    {
        final String pause = "-Dshm.pool.test.pauseAfterTakeMillis=3000";
        try (JvmPool pool = pool(1).jvmArgs(pause).build())
        {
            final long victim = awaitReadyWorker(pool);
            final CompletableFuture<Long> taken = pool.submit(JvmPoolTest.Square.class, 5);
            // The worker takes it at once and pauses 3 s before naming it.
            Thread.sleep(1000);
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());
            final ExecutionException ex = assertThrows(ExecutionException.class, () -> taken.get(60, TimeUnit.SECONDS));
            final TaskFailedException failure = (TaskFailedException)ex.getCause();
            assertEquals(TaskFailedException.Reason.WORKER_DIED, failure.reason());
            assertEquals(victim, failure.pid());
            assertTrue(failure.getMessage().contains("after taking it from the queue"), failure.getMessage());
        }
        try (JvmPool pool = pool(1).jvmArgs(pause).retries(1).build())
        {
            final long victim = awaitReadyWorker(pool);
            final CompletableFuture<Long> taken = pool.submit(JvmPoolTest.Square.class, 6);
            Thread.sleep(1000);
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());
            assertEquals(36L, taken.get(60, TimeUnit.SECONDS), "run again by the replacement");
        }
    }

    /** A task whose worker died runs again with retries(n), and fails without. */
    @Test
    void retriesRunATaskAgainWhenItsWorkerDied() throws Exception
    {
        try (JvmPool pool = pool(1).retries(1).build())
        {
            assertEquals("second run", pool.submit(ExitOnce.class, dir.resolve("once-a").toString())
                .get(60, TimeUnit.SECONDS));
        }
        try (JvmPool pool = pool(1).build())
        {
            final ExecutionException ex = assertThrows(ExecutionException.class,
                () -> pool.submit(ExitOnce.class, dir.resolve("once-b").toString()).get(60, TimeUnit.SECONDS));
            assertEquals(TaskFailedException.Reason.WORKER_DIED, ((TaskFailedException)ex.getCause()).reason());
        }
    }

    /** map with a timeout throws TimeoutException, cancels what is left, and the pool goes on. */
    @Test
    void mapWithATimeoutGivesUpInTime() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final long start = System.nanoTime();
            final TimeoutException timeout = assertThrows(TimeoutException.class,
                () -> pool.map(JvmPoolTest.Sleep.class, List.of(4_000L), Duration.ofMillis(300)));
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15);
            assertTrue(timeout.getMessage().contains("0 of 1 chunks"), timeout.getMessage());
            assertEquals(List.of(1L, 4L, 9L), pool.map(JvmPoolTest.Square.class, List.of(1, 2, 3), Duration.ofSeconds(60)));
        }
    }

    /** One shared task queue: a long task in one worker holds up nothing queued behind it. */
    @Test
    void aLongTaskDoesNotHoldUpTheOthers() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final CompletableFuture<Long> slow = pool.submit(JvmPoolTest.Sleep.class, 20_000L);
            final List<Integer> inputs = IntStream.range(0, 100).boxed().collect(Collectors.toList());
            final List<CompletableFuture<Long>> quick = new ArrayList<>();
            for (final int i : inputs)
            {
                quick.add(pool.submit(JvmPoolTest.Square.class, i));
            }
            for (final int i : inputs)
            {
                assertEquals((long)i * i, quick.get(i).get(15, TimeUnit.SECONDS));
            }
            assertFalse(slow.isDone());
            pool.shutdownNow();
        }
    }

    /** Issue 20.4 in a pool: workers that exit cleanly leave no log; workers may print to this JVM's console. */
    @Test
    void workersLeaveNoLogsWhenTheySucceedAndMayPrintToTheConsole() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            assertEquals(List.of(1L, 4L), pool.map(JvmPoolTest.Square.class, List.of(1, 2)));
        }
        try (Stream<Path> logs = Files.list(dir.resolve("logs")))
        {
            assertEquals(List.of(), logs.filter(f -> f.getFileName().toString().endsWith(".log"))
                .collect(Collectors.toList()), "logs of workers that exited cleanly");
        }
        try (JvmPool pool = pool(1).inheritConsole().build())
        {
            assertEquals(List.of(9L), pool.map(JvmPoolTest.Square.class, List.of(3)));
        }
    }

    /** Waits until the one worker of the pool is ready to take tasks (its pid in the pool's pool.ready). */
    private long awaitReadyWorker(final JvmPool pool) throws Exception
    {
        final long pid = pool.workerPids().get(0);
        try (SharedRegion region = SharedRegion.open(regionFiles().get(0)))
        {
            final SharedLongArray ready = region.longArray(PoolProtocol.READY, 1);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ready.get(0) != pid)
            {
                assertTrue(System.nanoTime() < deadline, "worker pid " + pid + " not ready");
                Thread.sleep(10);
            }
        }
        return pid;
    }

    private static List<Long> mapOrThrow(final JvmPool pool, final int input)
    {
        try
        {
            return pool.map(JvmPoolTest.Square.class, List.of(input));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private List<Path> regionFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir.path()))
        {
            return files.filter(f -> f.getFileName().toString().startsWith("shm-pool-")).collect(Collectors.toList());
        }
    }
}
