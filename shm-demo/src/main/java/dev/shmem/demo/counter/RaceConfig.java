package dev.shmem.demo.counter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a counter race runs: how many children, how many increments each, which modes, where the region goes and
 * how long any single wait may last.
 *
 * @param processes  number of child JVMs, 1 to {@link #MAX_PROCESSES}.
 * @param increments increments each child adds per mode, at least 1.
 * @param modes      modes, in run order.
 * @param timeout    bound of every wait: children getting ready, each mode, children exiting.
 * @param region     the region file to create (must not exist).
 * @param keepRegion true to leave the region file in place afterwards (for {@code stat}).
 * @param fault      fault to inject.
 * @param faultChild index of the child that gets the fault.
 * @param logDirectory where the children's logs go, or null for {@code ChildJvm}'s default
 *                   ({@code java.io.tmpdir/shm-children}).
 * @param zookeeper  {@code CONNECT/ROOT} of the ZooKeeper space to race in, or null for the region file.
 */
public record RaceConfig(int processes, long increments, List<CounterStrategy> modes, Duration timeout, Path region,
    boolean keepRegion, Fault fault, int faultChild, Path logDirectory, String zookeeper)
{
    /** Children per race: a region has 128 process slots, and a race should leave room for observers. */
    public static final int MAX_PROCESSES = 64;
    /** Increments per child per mode, so that processes * increments never overflows. */
    public static final long MAX_INCREMENTS = 1_000_000_000_000L;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the value out of range and the range.
     */
    public RaceConfig
    {
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(fault, "fault");
        if (processes < 1 || processes > MAX_PROCESSES)
        {
            throw new IllegalArgumentException("--processes " + processes + " is out of range: expected 1 to " +
                MAX_PROCESSES);
        }
        if (increments < 1 || increments > MAX_INCREMENTS)
        {
            throw new IllegalArgumentException("--increments " + increments + " is out of range: expected 1 to " +
                MAX_INCREMENTS);
        }
        if (modes.isEmpty())
        {
            throw new IllegalArgumentException("no mode to run");
        }
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
        if (fault != Fault.NONE && (faultChild < 0 || faultChild >= processes))
        {
            throw new IllegalArgumentException("fault child " + faultChild + " is out of range: expected 0 to " +
                (processes - 1));
        }
        modes = List.copyOf(modes);
    }

    /**
     * @return increments all children add per mode together.
     */
    public long expected()
    {
        return processes * increments;
    }
}
