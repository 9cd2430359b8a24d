package dev.shmem.internal.diag;

import jdk.jfr.FlightRecorder;

/**
 * Commits shm's JFR events. Until the JVM's Flight Recorder is initialized (a recording started with
 * {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or the {@code jdk.jfr} API) every method costs one
 * static read and never touches an event class: loading the first event class costs 0.5 to 1 s in a fresh JVM,
 * which no lock contention should pay. Once it is initialized, each event is created only on slow paths (a wait
 * that blocks, a takeover) and committed if a recording enables it and its threshold is passed.
 */
public final class Diagnostics
{
    private Diagnostics()
    {
    }

    /**
     * @return true once a recording has been started in this JVM (events may then be committed).
     */
    public static boolean recording()
    {
        return FlightRecorder.isInitialized();
    }

    /**
     * @return a token to pass to {@link #waited}, null while no recording has been started in this JVM.
     */
    public static Object beginWait()
    {
        return FlightRecorder.isInitialized() ? Jfr.beginWait() : null;
    }

    /**
     * Ends a wait begun with {@link #beginWait()} and commits its event if a recording wants it.
     *
     * @param token     what {@link #beginWait()} returned.
     * @param primitive the lock's or semaphore's name.
     * @param kind      what it is.
     * @param holderPid the holder's pid when the wait began, 0 if unknown.
     * @param acquired  whether the wait ended with the lock or permits.
     */
    public static void waited(final Object token, final String primitive, final String kind,
        final long holderPid, final boolean acquired)
    {
        if (token != null)
        {
            Jfr.waited(token, primitive, kind, holderPid, acquired);
        }
    }

    /**
     * @return a token to pass to {@link #offered}, null while no recording has been started in this JVM.
     */
    public static Object beginQueueWait()
    {
        return FlightRecorder.isInitialized() ? Jfr.beginQueueWait() : null;
    }

    /**
     * Ends a full-queue wait begun with {@link #beginQueueWait()}.
     *
     * @param token   what {@link #beginQueueWait()} returned.
     * @param queue   the queue's name.
     * @param offered whether the message went in.
     */
    public static void offered(final Object token, final String queue, final boolean offered)
    {
        if (token != null)
        {
            Jfr.offered(token, queue, offered);
        }
    }

    /**
     * Records a takeover from a dead process.
     *
     * @param primitive the lock's or semaphore's name.
     * @param kind      what it is.
     * @param deadPid   the dead process, 0 if unknown.
     * @param recovered permits returned, 1 for a lock.
     */
    public static void takeover(final String primitive, final String kind, final long deadPid, final long recovered)
    {
        if (FlightRecorder.isInitialized())
        {
            Jfr.takeover(primitive, kind, deadPid, recovered);
        }
    }

    /**
     * Records a barrier broken by a dead party.
     *
     * @param barrier its name.
     * @param deadPid the dead process, 0 if unknown.
     */
    public static void barrierBroken(final String barrier, final long deadPid)
    {
        if (FlightRecorder.isInitialized())
        {
            Jfr.barrierBroken(barrier, deadPid);
        }
    }

    /**
     * The only code that names the event classes: loaded the first time a recording exists.
     */
    private static final class Jfr
    {
        static Object beginWait()
        {
            final LockWaitEvent event = new LockWaitEvent();
            event.begin();
            return event;
        }

        static void waited(final Object token, final String primitive, final String kind, final long holderPid,
            final boolean acquired)
        {
            final LockWaitEvent event = (LockWaitEvent)token;
            event.end();
            if (event.shouldCommit())
            {
                event.primitive = primitive;
                event.kind = kind;
                event.holderPid = holderPid;
                event.acquired = acquired;
                event.commit();
            }
        }

        static Object beginQueueWait()
        {
            final QueueWaitEvent event = new QueueWaitEvent();
            event.begin();
            return event;
        }

        static void offered(final Object token, final String queue, final boolean offered)
        {
            final QueueWaitEvent event = (QueueWaitEvent)token;
            event.end();
            if (event.shouldCommit())
            {
                event.queue = queue;
                event.offered = offered;
                event.commit();
            }
        }

        static void takeover(final String primitive, final String kind, final long deadPid, final long recovered)
        {
            final TakeoverEvent event = new TakeoverEvent();
            if (event.isEnabled())
            {
                event.primitive = primitive;
                event.kind = kind;
                event.deadPid = deadPid;
                event.recovered = recovered;
                event.commit();
            }
        }

        static void barrierBroken(final String barrier, final long deadPid)
        {
            final BarrierBrokenEvent event = new BarrierBrokenEvent();
            if (event.isEnabled())
            {
                event.barrier = barrier;
                event.deadPid = deadPid;
                event.commit();
            }
        }
    }
}
