package dev.shmem.stress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the actor that won a race wait until the other actor has made its own attempt, so that "both won" can be
 * told apart from "one after the other" (a lock held until the other actor has tried cannot be taken by it).
 *
 * <p>It cannot deadlock under jcstress: every actor thread goes through the states of a stride in the same
 * order, and an actor only waits for the other's attempt on the same state, which does not itself wait for
 * anything on a later state. A unit test that runs the actors of a state one after the other would wait forever
 * instead: test classes that use a rendezvous carry {@link UnitCheck} with {@code actorsTogether = true}. The wait
 * gives up with an exception after {@value #GIVE_UP_SECONDS} s, which jcstress reports as an error.
 */
public final class Rendezvous
{
    /** Longest wait for the other actor. */
    public static final int GIVE_UP_SECONDS = 10;

    private final AtomicInteger arrived = new AtomicInteger();

    /**
     * Records that an actor has made its attempt.
     *
     * @param actor 1 or 2.
     */
    public void arrive(final int actor)
    {
        arrived.getAndAdd(bit(actor));
    }

    /**
     * Waits until the other actor has arrived.
     *
     * @param actor the waiting actor, 1 or 2.
     * @throws IllegalStateException if the other actor has not arrived within {@value #GIVE_UP_SECONDS} s.
     */
    public void awaitOther(final int actor)
    {
        final int other = bit(3 - actor);
        long deadline = 0;
        for (int spins = 0; (arrived.get() & other) == 0; spins++)
        {
            if (spins < 100)
            {
                Thread.onSpinWait();
                continue;
            }
            if (deadline == 0)
            {
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
            }
            else if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("actor " + (3 - actor) + " did not arrive within " +
                    GIVE_UP_SECONDS + " s");
            }
            Thread.yield();
        }
    }

    private static int bit(final int actor)
    {
        if (actor != 1 && actor != 2)
        {
            throw new IllegalArgumentException("actor " + actor + ": expected 1 or 2");
        }
        return actor;
    }
}
