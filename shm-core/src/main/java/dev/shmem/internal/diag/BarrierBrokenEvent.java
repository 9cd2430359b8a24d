package dev.shmem.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A shm barrier was broken because a party's process died while waiting at it.
 */
@Name("dev.shmem.BarrierBroken")
@Label("shm Barrier Broken By Death")
@Category({ "shm", "Barriers" })
@Description("A barrier was broken because a process died waiting at it")
@StackTrace(false)
public final class BarrierBrokenEvent extends jdk.jfr.Event
{
    @Label("Barrier")
    public String barrier;

    @Label("Dead Pid")
    public long deadPid;
}
