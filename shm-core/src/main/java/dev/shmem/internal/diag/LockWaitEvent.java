package dev.shmem.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A thread waited for a shm lock or semaphore longer than the threshold (20 ms by default; set it with
 * {@code -XX:StartFlightRecording:settings=...} or {@code jfr configure}), like {@code jdk.JavaMonitorEnter}.
 * Costs nothing on uncontended paths, and only a check of a flag when no recording is on.
 */
@Name("dev.shmem.Wait")
@Label("shm Wait")
@Category({ "shm", "Locks" })
@Description("A thread waited for a shm lock or semaphore held by some process")
@Threshold("20 ms")
@StackTrace(true)
public final class LockWaitEvent extends jdk.jfr.Event
{
    @Label("Primitive")
    @Description("Name of the lock or semaphore")
    public String primitive;

    @Label("Kind")
    @Description("lock, reentrant lock or semaphore")
    public String kind;

    @Label("Holder Pid")
    @Description("Process holding the lock when the wait began (0 if free, unknown, or a semaphore)")
    public long holderPid;

    @Label("Acquired")
    @Description("False if the wait ended by timeout or interruption")
    public boolean acquired;
}
