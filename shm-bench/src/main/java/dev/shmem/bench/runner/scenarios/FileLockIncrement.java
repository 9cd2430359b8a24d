package dev.shmem.bench.runner.scenarios;

import dev.shmem.bench.runner.ChildReport;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a JVM user would pick without shm: {@code FileChannel.lock()} (an exclusive POSIX record lock,
 * {@code fcntl(F_SETLKW)}, one system call to lock and one to unlock) around a plain read-increment-write of a
 * counter in a memory-mapped file next to the region (in {@code /dev/shm} by default, like the region). Records
 * per-operation latency and counts handoffs (a lock taken by another process than its previous holder). Checks
 * that the lock lost no increment.
 */
public final class FileLockIncrement extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "filelock";
    private static final String SUFFIX = ".flock";
    private static final int COUNTER = 0;
    private static final int HOLDER = 64;
    private static final int FILE_LENGTH = 4096;

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "FileChannel.lock() around a plain counter increment in a mapped file";
    }

    @Override
    public Optional<String> baseline()
    {
        return Optional.of(Scenarios.PYTHON_VALUE_LOCK);
    }

    @Override
    protected LatencyMode latencyMode()
    {
        return LatencyMode.PER_OPERATION;
    }

    @Override
    protected void prepare(final ParentContext context) throws IOException
    {
        Files.write(context.file(SUFFIX), new byte[FILE_LENGTH], StandardOpenOption.CREATE_NEW);
    }

    @Override
    public Worker worker(final WorkerContext context) throws IOException
    {
        return new LockedCounter(context.file(SUFFIX), context.index() + 1);
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports) throws IOException
    {
        final Path file = context.file(SUFFIX);
        if (Files.size(file) != FILE_LENGTH)
        {
            throw new IllegalStateException(file + " changed size to " + Files.size(file));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, FILE_LENGTH));
            expectEqual("counter in " + file, totalOps(reports), buffer.getLongVolatile(COUNTER));
        }
    }

    /**
     * One process's side: its channel, lock and mapping of the counter file.
     */
    private static final class LockedCounter implements Worker
    {
        private final FileChannel channel;
        private final UnsafeBuffer buffer;
        private final long me;
        private long handoffs;

        LockedCounter(final Path file, final long me) throws IOException
        {
            this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.buffer = new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_LENGTH));
            this.me = me;
        }

        @Override
        public void operation() throws IOException
        {
            try (FileLock ignored = channel.lock())
            {
                // Plain accesses: the lock's system calls order them, as a user of FileChannel.lock relies on.
                if (buffer.getLong(HOLDER) != me)
                {
                    buffer.putLong(HOLDER, me);
                    handoffs++;
                }
                buffer.putLong(COUNTER, buffer.getLong(COUNTER) + 1);
            }
        }

        @Override
        public Map<String, Long> counters()
        {
            return Map.of("handoffs", handoffs);
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }
}
