package dev.shmem;

import dev.shmem.pool.JvmPool;
import dev.shmem.pool.PoolTask;
import dev.shmem.pool.PoolCodec;
import dev.shmem.pool.TaskFailedException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JvmPoolTest
{
    private Path dir;

    @BeforeEach
    void open() throws IOException
    {
        dir = TempRegionDir.createRoot();
    }

    @AfterEach
    void close()
    {
        TempRegionDir.deleteRecursively(dir);
    }

    private JvmPool.Builder pool(final int workers)
    {
        return JvmPool.builder().workers(workers).regionDirectory(dir).logDirectory(dir.resolve("logs"));
    }

    static final class Square implements PoolTask<Integer, Long>
    {
        @Override
        public Long apply(final Integer x)
        {
            return (long)x * x;
        }
    }

    static final class Pid implements PoolTask<Integer, Long>
    {
        @Override
        public Long apply(final Integer ignored)
        {
            return ProcessHandle.current().pid();
        }
    }

    static final class Fail implements PoolTask<String, String>
    {
        @Override
        public String apply(final String message)
        {
            throw new IllegalStateException(message);
        }
    }

    static final class FailOn implements PoolTask<Integer, Integer>
    {
        @Override
        public Integer apply(final Integer x)
        {
            if (x == 13)
            {
                throw new IllegalArgumentException("unlucky 13");
            }
            return x;
        }
    }

    static final class Exit implements PoolTask<Integer, Integer>
    {
        @Override
        public Integer apply(final Integer status)
        {
            System.exit(status);
            return status;
        }
    }

    static final class Sleep implements PoolTask<Long, Long>
    {
        @Override
        public Long apply(final Long millis) throws InterruptedException
        {
            Thread.sleep(millis);
            return millis;
        }
    }

    /** Publishes its worker's pid in the region at the input path, then sleeps a minute. */
    static final class SleepAndTell implements PoolTask<String, Long>
    {
        @Override
        public Long apply(final String path) throws Exception
        {
            try (SharedRegion region = SharedRegion.open(Path.of(path)))
            {
                region.longValue("busy.pid").set(ProcessHandle.current().pid());
            }
            Thread.sleep(60_000);
            return 0L;
        }
    }

    static final class Identity implements PoolTask<Object, Object>
    {
        @Override
        public Object apply(final Object x)
        {
            return x;
        }
    }

    static final class Hog implements PoolTask<Integer, Integer>
    {
        @Override
        public Integer apply(final Integer megabytes)
        {
            final List<byte[]> hoard = new ArrayList<>();
            for (int i = 0; i < megabytes; i++)
            {
                hoard.add(new byte[1 << 20]);
            }
            return hoard.size();
        }
    }

    static final class Upper implements PoolTask<String, String>
    {
        @Override
        public String apply(final String s)
        {
            return s.toUpperCase(java.util.Locale.ROOT);
        }
    }

    /** A codec for strings only, to show a custom codec travels to the workers. */
    public static final class Utf8Codec implements PoolCodec
    {
        @Override
        public byte[] encode(final Object value)
        {
            return ("utf8:" + value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(final byte[] bytes)
        {
            final String s = new String(bytes, StandardCharsets.UTF_8);
            if (!s.startsWith("utf8:"))
            {
                throw new IllegalArgumentException("not from Utf8Codec: " + s);
            }
            return s.substring(5);
        }
    }

    @Test
    void mapReturnsResultsInInputOrder() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            assertEquals(2, pool.workers());
            final List<Integer> inputs = IntStream.range(0, 200).boxed().collect(Collectors.toList());
            final List<Long> squares = pool.map(Square.class, inputs);
            assertEquals(inputs.stream().map(x -> (long)x * x).collect(Collectors.toList()), squares);
            assertEquals(List.of(), pool.map(Square.class, List.of()));
        }
    }

    @Test
    void mapChunksInputsAndNamesTheFailingElement() throws Exception
    {
        try (JvmPool pool = pool(2).maxMessageBytes(1024).build())
        {
            final List<Integer> inputs = IntStream.range(0, 50).boxed().collect(Collectors.toList());
            assertEquals(inputs.stream().map(x -> (long)x * x).collect(Collectors.toList()),
                pool.map(Square.class, inputs, 7));
            final List<String> words = IntStream.range(0, 40).mapToObj(i -> "w" + i + "x".repeat(200))
                .collect(Collectors.toList());
            assertEquals(words.stream().map(w -> w.toUpperCase(java.util.Locale.ROOT)).collect(Collectors.toList()),
                pool.map(Upper.class, words, 100), "chunks split to fit 1 KiB messages");
            final TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> pool.map(FailOn.class, List.of(1, 2, 3, 13, 5), 5));
            assertTrue(failure.getMessage().contains("unlucky 13") &&
                failure.getMessage().contains("element 3 of a chunk of 5"), failure.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.map(Square.class, inputs, 0));
        }
    }

    @Test
    void customCodecWorksWithChunkedMap() throws Exception
    {
        try (JvmPool pool = pool(2).codec(Utf8Codec.class).build())
        {
            assertEquals(List.of("A", "B", "C", "D", "E"), pool.map(Upper.class, List.of("a", "b", "c", "d", "e")));
        }
    }

    @Test
    void submitIsApplyAsync() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final CompletableFuture<Long> nine = pool.submit(Square.class, 3);
            assertEquals(9L, nine.get(60, TimeUnit.SECONDS));
            final Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 20; i++)
            {
                pids.add(pool.submit(Pid.class, i).get(60, TimeUnit.SECONDS));
            }
            assertTrue(pids.stream().allMatch(pid -> pid != ProcessHandle.current().pid()), "ran in children");
        }
    }

    @Test
    void imapIsOrderedAndLazy() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final int[] consumed = { 0 };
            final Iterable<Integer> inputs = () -> IntStream.range(0, 1000).peek(i -> consumed[0]++).iterator();
            final Iterator<Long> results = pool.imap(Square.class, inputs);
            assertEquals(0L, results.next());
            assertTrue(consumed[0] <= 2 * pool.workers() + 1, "read " + consumed[0] + " inputs ahead");
            for (int i = 1; i < 1000; i++)
            {
                assertEquals((long)i * i, results.next());
            }
            assertFalse(results.hasNext());
        }
    }

    @Test
    void aTaskExceptionReachesTheCallerWithTheRemoteStackTraceAndThePoolGoesOn() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final TaskFailedException ex = assertThrows(TaskFailedException.class,
                () -> pool.map(Fail.class, List.of("boom in a worker")));
            assertEquals(TaskFailedException.Reason.THREW, ex.reason());
            assertTrue(ex.getMessage().contains("IllegalStateException: boom in a worker"), ex.getMessage());
            assertTrue(ex.remoteStackTrace().orElseThrow().contains("JvmPoolTest$Fail.apply"), ex.getMessage());
            assertTrue(pool.workerPids().contains(ex.pid()));
            assertEquals(List.of(4L), pool.map(Square.class, List.of(2)));
        }
    }

    @Test
    void aWorkerThatExitsFailsItsTaskWithPidAndLogAndIsReplaced() throws Exception
    {
        try (JvmPool pool = pool(2).build())
        {
            final ExecutionException ex = assertThrows(ExecutionException.class,
                () -> pool.submit(Exit.class, 3).get(60, TimeUnit.SECONDS));
            final TaskFailedException failure = (TaskFailedException)ex.getCause();
            assertEquals(TaskFailedException.Reason.WORKER_DIED, failure.reason());
            assertTrue(failure.getMessage().contains("worker pid " + failure.pid() + " exited with status 3"),
                failure.getMessage());
            assertTrue(failure.logFile().isPresent());
            assertTrue(failure.getMessage().contains(failure.logFile().get().toString()));
            assertEquals(IntStream.range(0, 50).mapToObj(i -> (long)i * i).collect(Collectors.toList()),
                pool.map(Square.class, IntStream.range(0, 50).boxed().collect(Collectors.toList())));
            awaitWorkers(pool, 2);
            assertFalse(pool.workerPids().contains(failure.pid()));
        }
    }

    @Test
    void killMinus9OfABusyWorkerFailsOnlyItsTask() throws Exception
    {
        final Path shared = dir.resolve("tell.shm");
        try (JvmPool pool = pool(2).build(); SharedRegion region = SharedRegion.create(shared, 1 << 20))
        {
            final CompletableFuture<Long> stuck = pool.submit(SleepAndTell.class, shared.toString());
            final SharedLong busy = region.longValue("busy.pid");
            Children.awaitValue(busy, 1);
            final long victim = busy.get();
            assertEquals(List.of(1L, 4L, 9L), pool.map(Square.class, List.of(1, 2, 3)), "the other worker works");
            assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly(), "kill -9 of pid " + victim);
            final ExecutionException ex = assertThrows(ExecutionException.class, () -> stuck.get(60, TimeUnit.SECONDS));
            final TaskFailedException failure = (TaskFailedException)ex.getCause();
            assertEquals(TaskFailedException.Reason.WORKER_DIED, failure.reason());
            assertEquals(victim, failure.pid());
            assertTrue(failure.getMessage().contains("signal 9"), failure.getMessage());
            assertEquals(List.of(1L, 4L), pool.map(Square.class, List.of(1, 2)));
        }
    }

    @Test
    void aWorkerThatRunsOutOfMemoryFailsItsTaskAndIsReplaced() throws Exception
    {
        try (JvmPool pool = pool(1).jvmArgs("-Xmx48m", "-XX:+ExitOnOutOfMemoryError").build())
        {
            final TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> pool.map(Hog.class, List.of(10_000)));
            assertEquals(TaskFailedException.Reason.WORKER_DIED, failure.reason());
            assertEquals(List.of(9L), pool.map(Square.class, List.of(3)));
        }
    }

    @Test
    void aTaskPastItsTimeoutIsFailedAndItsWorkerReplaced() throws Exception
    {
        try (JvmPool pool = pool(1).taskTimeout(Duration.ofMillis(500)).build())
        {
            final long start = System.nanoTime();
            final TaskFailedException failure = assertThrows(TaskFailedException.class,
                () -> pool.map(Sleep.class, List.of(60_000L)));
            assertEquals(TaskFailedException.Reason.TIMED_OUT, failure.reason());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 30);
            assertEquals(List.of(10L), pool.map(Sleep.class, List.of(10L)));
        }
    }

    @Test
    void maxTasksPerChildReplacesWorkers() throws Exception
    {
        try (JvmPool pool = pool(2).maxTasksPerChild(2).build())
        {
            final List<Long> pids =
                pool.map(Pid.class, IntStream.range(0, 10).boxed().collect(Collectors.toList()), 1);
            final Set<Long> distinct = new HashSet<>(pids);
            assertTrue(distinct.size() >= 5, "10 tasks at 2 per child ran in only " + distinct.size() + " JVMs");
            for (final long pid : distinct)
            {
                assertTrue(pids.stream().filter(p -> p == pid).count() <= 2, "a worker ran more than 2 tasks");
            }
        }
    }

    @Test
    void customCodecTravelsToTheWorkers() throws Exception
    {
        try (JvmPool pool = pool(1).codec(Utf8Codec.class).build())
        {
            assertEquals(List.of("HELLO", "WORLD"), pool.map(Upper.class, List.of("hello", "world")));
        }
    }

    @Test
    void shutdownRefusesNewTasksFinishesQueuedOnesAndRemovesTheRegion() throws Exception
    {
        final JvmPool pool = pool(2).build();
        final List<CompletableFuture<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            queued.add(pool.submit(Square.class, i));
        }
        pool.shutdown();
        assertThrows(IllegalStateException.class, () -> pool.submit(Square.class, 1));
        assertTrue(pool.join(Duration.ofSeconds(60)));
        for (int i = 0; i < 20; i++)
        {
            assertEquals((long)i * i, queued.get(i).getNow(-1L));
        }
        assertEquals(List.of(), pool.workerPids());
        assertEquals(List.of(), regionFiles(), "pool region left behind");
        pool.close();
    }

    @Test
    void shutdownNowFailsWhatIsUnfinished() throws Exception
    {
        final JvmPool pool = pool(1).build();
        final CompletableFuture<Long> running = pool.submit(Sleep.class, 60_000L);
        final CompletableFuture<Long> queued = pool.submit(Sleep.class, 60_000L);
        pool.shutdownNow();
        for (final CompletableFuture<Long> f : List.of(running, queued))
        {
            final ExecutionException ex = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertEquals(TaskFailedException.Reason.POOL_SHUT_DOWN, ((TaskFailedException)ex.getCause()).reason());
        }
        assertEquals(List.of(), pool.workerPids());
    }

    @Test
    void anInputTooLargeOrNotSerializableIsRefusedAtSubmit() throws Exception
    {
        try (JvmPool pool = pool(1).maxMessageBytes(1024).build())
        {
            final IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> pool.submit(Upper.class, "x".repeat(5000)));
            assertTrue(big.getMessage().contains("1024"), big.getMessage());
            final IllegalArgumentException notSerializable =
                assertThrows(IllegalArgumentException.class, () -> pool.submit(Identity.class, new Object()));
            assertTrue(notSerializable.getMessage().contains("cannot be encoded"), notSerializable.getMessage());
        }
    }

    @Test
    void workersThatCannotStartFailThePoolInsteadOfLooping() throws Exception
    {
        try (JvmPool pool = pool(1).jvmArgs("-XX:+ShmNoSuchFlag").build())
        {
            final CompletableFuture<Long> doomed = pool.submit(Square.class, 2);
            final ExecutionException ex = assertThrows(ExecutionException.class,
                () -> doomed.get(60, TimeUnit.SECONDS));
            final TaskFailedException failure = (TaskFailedException)ex.getCause();
            assertTrue(failure.getMessage().contains("exited before they could take a task"), failure.getMessage());
        }
    }

    private List<Path> regionFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(".shm")).collect(Collectors.toList());
        }
    }

    private static void awaitWorkers(final JvmPool pool, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pool.workerPids().size() < count)
        {
            assertTrue(System.nanoTime() < deadline, "workers not up");
            Thread.sleep(10);
        }
    }
}
