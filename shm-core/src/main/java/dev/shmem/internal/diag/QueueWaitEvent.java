package dev.shmem.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * An offer to a full shm queue waited for room longer than the threshold (20 ms by default).
 */
@Name("dev.shmem.QueueFull")
@Label("shm Queue Full Wait")
@Category({ "shm", "Queues" })
@Description("A producer waited for room in a full shm queue")
@Threshold("20 ms")
@StackTrace(true)
public final class QueueWaitEvent extends jdk.jfr.Event
{
    @Label("Queue")
    public String queue;

    @Label("Offered")
    @Description("False if the wait ended by timeout or interruption")
    public boolean offered;
}
