package dev.shmem.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A lock was taken over from a dead owner, or a dead process's semaphore permits were returned.
 */
@Name("dev.shmem.Takeover")
@Label("shm Dead-Owner Takeover")
@Category({ "shm", "Locks" })
@Description("A lock was taken over from a process that died holding it, or its semaphore permits were returned")
@StackTrace(false)
public final class TakeoverEvent extends jdk.jfr.Event
{
    @Label("Primitive")
    public String primitive;

    @Label("Kind")
    public String kind;

    @Label("Dead Pid")
    @Description("The process that died (0 if unknown)")
    public long deadPid;

    @Label("Recovered")
    @Description("Permits returned (semaphores), 1 for a lock")
    public long recovered;
}
