package dev.shmem;

import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared by every thread of every process that opens the region, with the verbs of
 * {@link java.util.concurrent.Semaphore}, like Python's {@code multiprocessing.Semaphore}; the bounded kind
 * ({@link SharedRegion#boundedSemaphore}) refuses a release past its initial permits, like
 * {@code BoundedSemaphore}. Obtained with {@link SharedRegion#semaphore(String, int)}; the permits are used only
 * when the entry is created.
 *
 * <h2>Waiting</h2>
 * A blocked acquire spins briefly, then parks ({@link java.util.concurrent.locks.LockSupport}) as the JDK's
 * {@code Semaphore} does: it shows {@code WAITING} or {@code TIMED_WAITING}, an interrupt wakes it at once, a
 * virtual thread unmounts, and a parked thread uses no CPU. One library thread per process and semaphore sleeps in
 * the kernel on a shared futex for them (Linux; elsewhere a bounded back-off) and unparks them on a release. A
 * release with no waiters makes no system call. Not fair: waiters are not served in arrival order.
 *
 * <h2>Dead processes</h2>
 * Each process's acquisitions minus its releases (never below zero) are kept in a per-process ledger in the
 * region, like System V's {@code SEM_UNDO}. When a process dies (or closes its last handle on the region) holding
 * permits, a waiter notices within about 100 to 200 ms and returns them (the mapped backend counts them:
 * {@code RegionInspector.semaphore(name).recovered()}).
 * Consequences: a semaphore used to pass signals between processes (one only releases, another only acquires)
 * gets the acquirer's permits back if the acquirer dies; use a queue for hand-offs. A process killed in the few
 * nanoseconds between taking permits and recording them in its ledger leaks those permits (they are never
 * returned twice).
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.Semaphore}, across processes: actions in a thread before a release happen-before
 * actions following a successful acquire in another thread of any process. Permits change only by CAS, which
 * pairs acquires with releases.
 *
 * <h2>Failure modes</h2>
 * An unbounded semaphore may be created with negative permits, as {@link java.util.concurrent.Semaphore}
 * (releases must then come first); a bounded one may not. Acquiring or releasing a negative number of permits
 * throws {@link IllegalArgumentException}, as does acquiring more permits at once than a bounded semaphore can
 * ever have. A release past a bounded semaphore's initial permits throws
 * {@link IllegalStateException} and changes nothing. Blocking acquires honour interruption (leaving the permits
 * as they were) and have timeout variants. Acquires throw {@link IllegalStateException} once this JVM has closed
 * every handle on the region.
 */
public interface SharedSemaphore
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * Acquires one permit, waiting as long as it takes.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    void acquire() throws InterruptedException;

    /**
     * Acquires {@code permits} permits at once, waiting as long as it takes.
     *
     * @param permits permits to take.
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    void acquire(int permits) throws InterruptedException;

    /**
     * Acquires one permit, waiting as long as it takes; an interrupt does not stop the wait (the interrupt status
     * is kept).
     */
    void acquireUninterruptibly();

    /**
     * Acquires {@code permits} permits at once, waiting as long as it takes; an interrupt does not stop the wait
     * (the interrupt status is kept).
     *
     * @param permits permits to take.
     * @throws IllegalArgumentException if {@code permits} is negative.
     */
    void acquireUninterruptibly(int permits);

    /**
     * @return true if one permit was available and taken now.
     */
    boolean tryAcquire();

    /**
     * @param permits permits to take.
     * @return true if they were available and taken now.
     */
    boolean tryAcquire(int permits);

    /**
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if a permit was taken, false if the time elapsed first.
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * @param permits permits to take at once.
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if the permits were taken, false if the time elapsed first (then none are taken).
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Releases one permit.
     *
     * @throws IllegalStateException if this is a bounded semaphore already at its initial permits.
     */
    void release();

    /**
     * Releases {@code permits} permits.
     *
     * @param permits permits to give back.
     * @throws IllegalArgumentException if negative.
     * @throws IllegalStateException    if this is a bounded semaphore and the release would take it past its
     *                                  initial permits; nothing is released then.
     */
    void release(int permits);

    /**
     * Acquires and returns all permits that are immediately available, or, if the count is negative, releases
     * them (sets it to 0), as {@link java.util.concurrent.Semaphore#drainPermits()}.
     *
     * @return the number of permits taken, or the negative count that was released.
     */
    int drainPermits();

    /**
     * @return the permits available now (a snapshot).
     */
    int availablePermits();

    /**
     * @return the permits the semaphore was created with (the bound of a bounded semaphore).
     */
    int initialPermits();

    /**
     * @return true for a bounded semaphore.
     */
    boolean isBounded();
}
