package dev.shmem.demo.counter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The command line the parent gives a {@link CounterRaceChild}:
 * {@code REGION INDEX PROCESSES INCREMENTS MODES TIMEOUT_MS PARENT_PID FAULT ZOOKEEPER}, with {@code MODES}
 * comma-separated and {@code ZOOKEEPER} {@code -} for the region file.
 *
 * @param region        the region file.
 * @param index         this child's index.
 * @param processes     number of children.
 * @param increments    increments per mode.
 * @param modes         comma-separated mode names, in run order.
 * @param timeoutMillis how long to wait for a start signal at most (the parent's timeout).
 * @param parentPid     the parent's pid: a child whose parent is gone stops waiting.
 * @param fault         the fault to inject into this child.
 * @param zookeeper     {@code CONNECT/ROOT} of the race's ZooKeeper space, or null for the region file.
 */
record ChildArgs(Path region, int index, int processes, long increments, String modes, long timeoutMillis,
    long parentPid, Fault fault, String zookeeper)
{
    private static final int COUNT = 9;

    /**
     * @param args the child's arguments.
     * @return them parsed.
     * @throws IllegalArgumentException naming the argument that is wrong.
     */
    static ChildArgs parse(final String[] args)
    {
        if (args.length != COUNT)
        {
            throw new IllegalArgumentException("expected " + COUNT + " arguments (REGION INDEX PROCESSES " +
                "INCREMENTS MODES TIMEOUT_MS PARENT_PID FAULT ZOOKEEPER), got " + args.length + ": " + Arrays.toString(args));
        }
        return new ChildArgs(Path.of(args[0]), (int)number("INDEX", args[1]), (int)number("PROCESSES", args[2]),
            number("INCREMENTS", args[3]), args[4], number("TIMEOUT_MS", args[5]), number("PARENT_PID", args[6]),
            Fault.valueOf(args[7]), "-".equals(args[8]) ? null : args[8]);
    }

    /**
     * @return the arguments to start a child with.
     */
    String[] toArgs()
    {
        return new String[]{ region.toString(), Integer.toString(index), Integer.toString(processes),
            Long.toString(increments), modes, Long.toString(timeoutMillis), Long.toString(parentPid), fault.name(),
            zookeeper == null ? "-" : zookeeper };
    }

    /**
     * @return the mode names.
     */
    List<String> modeNames()
    {
        return List.of(modes.split(","));
    }

    private static long number(final String name, final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " '" + text + "' is not a whole number", ex);
        }
    }
}
