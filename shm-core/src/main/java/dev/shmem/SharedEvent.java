package dev.shmem;

import java.util.concurrent.TimeUnit;

/**
 * A flag that processes wait for, like Python's {@code multiprocessing.Event}: {@link #set()} wakes every waiter
 * of every process, {@link #clear()} resets it. Obtained with {@link SharedSpace#event(String)}.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in a thread before {@link #set()} happen-before actions following a return of {@link #await()} (or a
 * {@link #isSet()} that returns true) that observed that set, in any thread of any process.
 *
 * <h2>Failure modes</h2>
 * The awaits throw {@link InterruptedException} when interrupted and the timed one returns false at its deadline;
 * every operation throws {@link IllegalStateException} once the space is closed.
 */
public interface SharedEvent
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * Sets the flag and wakes every thread waiting for it, in every process.
     */
    void set();

    /**
     * Clears the flag: later awaits wait for the next {@link #set()}.
     */
    void clear();

    /**
     * @return true if the flag is set (a volatile read).
     */
    boolean isSet();

    /**
     * Waits until the flag is set; returns at once if it is.
     *
     * @throws InterruptedException if interrupted on entry or while waiting.
     */
    void await() throws InterruptedException;

    /**
     * Waits until the flag is set or the timeout elapses.
     *
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if the flag was set, false if the time elapsed first.
     * @throws InterruptedException if interrupted on entry or while waiting.
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;
}
