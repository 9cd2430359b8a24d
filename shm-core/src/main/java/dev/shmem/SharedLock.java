package dev.shmem;

/**
 * A mutual-exclusion lock shared by every thread of every process that opens the region, like Python's
 * {@code multiprocessing.Lock}: not reentrant, owned by one thread. Obtained with
 * {@link SharedRegion#lock(String)}.
 *
 * <pre>{@code
 * SharedLock lock = region.lock("hits.lock");
 * lock.lock();
 * try {
 *     if (!lock.isConsistent()) { repair(); lock.markConsistent(); }   // a previous owner died inside
 *     counter.set(counter.get() + 1);
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 *
 * <h2>Waiting</h2>
 * An acquire is one CAS when the lock is free. A blocked thread spins briefly, then parks
 * ({@link java.util.concurrent.locks.LockSupport}) as the JDK's locks do: it shows {@code WAITING} or
 * {@code TIMED_WAITING}, an interrupt reaches it at once, a virtual thread unmounts, and it uses no CPU while it
 * waits. One library thread per process and lock sleeps in the kernel on a shared futex (Linux; elsewhere a
 * bounded back-off, see {@code docs/GUARANTEES.md}) and unparks it on an unlock. An unlock with no waiters makes
 * no system call. The lock is not fair, but its unfairness is bounded: a thread that arrives as the lock is
 * released may take it before a parked waiter, until a waiter has waited 10 ms; then that waiter gets it next.
 *
 * <h2>Dead owners</h2>
 * If the owner's process dies (killed, crashed, exited, or closed its last handle on the region) while holding the
 * lock, a waiter notices (it checks at most every 100 ms, so within about 100 to 200 ms; measured 130 ms after
 * {@code kill -9}) through the region's process table (pid and process start time, so a
 * reused pid is not mistaken for the owner) and takes the lock over. The lock is then marked
 * <em>inconsistent</em>, like a POSIX robust mutex after {@code EOWNERDEAD}: the acquire succeeds as usual (so
 * the common {@code lock(); try {...} finally { unlock(); }} pattern neither fails nor leaks the lock), and
 * {@link #isConsistent()} returns false until an owner calls {@link #markConsistent()} after repairing or
 * checking the data the lock guards. {@link #takeovers()} counts such events.
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.locks.ReentrantLock}, across processes: actions of a thread before
 * {@link #unlock()} happen-before actions of the thread (of any process) that next acquires the lock. The lock
 * word's acquiring CAS pairs with the releasing volatile store of the previous owner. After a takeover, what the
 * dead owner wrote is whatever reached the shared memory before it died: hence the inconsistent flag.
 *
 * <h2>Failure modes</h2>
 * {@link #unlock()} by a thread that does not hold the lock throws {@link IllegalMonitorStateException}, as does
 * {@link #lock()} by the thread that already holds it (it is not reentrant: use {@link SharedReentrantLock});
 * {@link #tryLock()} then returns false. Every acquire throws {@link IllegalStateException} once this JVM has
 * closed every handle on the region. {@link #newCondition()} is unsupported.
 */
public interface SharedLock extends RobustLock
{
}
