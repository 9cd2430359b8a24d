package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLong;

import dev.shmem.bench.RawRegionAccess;
import dev.shmem.bench.runner.ChildReport;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.util.List;

/**
 * The hardware limit of {@link AtomicIncrement}: every process runs raw Agrona {@code getAndAddLong} (one
 * {@code lock xadd}) on the memory of one {@code SharedLong} entry, through its own mapping of the region file,
 * with no shm code in the loop. Checks that no increment was lost.
 */
public final class RawGetAndAdd extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "raw";
    private static final String ENTRY = "raw.counter";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "raw Agrona UnsafeBuffer.getAndAddLong on one shared slot (the hardware limit)";
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().longValue(ENTRY);
    }

    @Override
    public Worker worker(final WorkerContext context) throws IOException
    {
        final RawRegionAccess access = RawRegionAccess.of(context.region().path(), ENTRY);
        final AtomicBuffer buffer = access.buffer();
        final int offset = access.offsetOf(0, Long.BYTES);
        return () -> buffer.getAndAddLong(offset, 1);
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports)
    {
        expectEqual("counter " + ENTRY, totalOps(reports), context.region().longValue(ENTRY).get());
    }
}
