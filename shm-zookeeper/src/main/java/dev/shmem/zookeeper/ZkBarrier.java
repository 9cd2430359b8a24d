package dev.shmem.zookeeper;

import dev.shmem.SharedBarrier;

import java.nio.ByteBuffer;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link SharedBarrier} on ZooKeeper: a {@link Cell} holding the generation, the parties arrived in it, a broken
 * flag and the last generation ended by {@link #reset()}:
 *
 * <pre>
 * | generation (long) | arrived (int) | broken (byte) | last reset generation (long) |
 * </pre>
 * An arrival increments {@code arrived}; the last one starts the next generation in the same write, which is
 * what the others wait for. A timeout or an interrupt breaks the generation, as {@code CyclicBarrier} does.
 *
 * <p>Limit: a party whose process dies while waiting does not break the barrier on this backend (its arrival was
 * counted and nothing is ephemeral); waiting parties see it only through their own timeouts.
 */
final class ZkBarrier implements SharedBarrier
{
    private static final int GENERATION = 0;
    private static final int ARRIVED = 8;
    private static final int BROKEN = 12;
    private static final int LAST_RESET = 13;
    private static final int STATE_BYTES = 21;

    private final ZooKeeperSpace space;
    private final String name;
    private final int parties;
    private final Cell state;

    ZkBarrier(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        this.space = space;
        this.name = entry.name;
        this.parties = (int)entry.parameter;
        final byte[] initial = new byte[STATE_BYTES];
        ByteBuffer.wrap(initial).putLong(LAST_RESET, -1);
        this.state = new Cell(space.zk(), entry.path + "/state", initial);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException
    {
        try
        {
            return awaitUntil(Long.MAX_VALUE);
        }
        catch (final TimeoutException impossible)
        {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public int await(final long timeout, final TimeUnit unit)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return awaitUntil(ZooKeeperSpace.deadline(timeout, unit));
    }

    private int awaitUntil(final long deadline) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        space.checkOpen();
        if (Thread.interrupted())
        {
            breakGeneration(generation(state.read(true)));
            throw new InterruptedException("interrupted before arriving at barrier " + EntryNames.quote(name));
        }
        final ByteBuffer before = ByteBuffer.wrap(state.update(p ->
        {
            final ByteBuffer s = ByteBuffer.wrap(p);
            if (s.get(BROKEN) != 0)
            {
                return Cell.Change.NONE;
            }
            if (s.getInt(ARRIVED) + 1 == parties)
            {
                s.putLong(GENERATION, s.getLong(GENERATION) + 1).putInt(ARRIVED, 0);
            }
            else
            {
                s.putInt(ARRIVED, s.getInt(ARRIVED) + 1);
            }
            return Cell.Change.to(p);
        }));
        if (before.get(BROKEN) != 0)
        {
            throw broken();
        }
        final long generation = before.getLong(GENERATION);
        final int index = parties - 1 - before.getInt(ARRIVED);
        if (index == 0)
        {
            return 0;
        }
        final byte[] after;
        try
        {
            after = Waits.until(space, state, p ->
                ByteBuffer.wrap(p).getLong(GENERATION) != generation || p[BROKEN] != 0, deadline);
        }
        catch (final InterruptedException ex)
        {
            if (breakGeneration(generation))
            {
                throw ex;
            }
            Thread.currentThread().interrupt();
            return outcome(state.read(true), generation, index);
        }
        if (after == null)
        {
            if (breakGeneration(generation))
            {
                throw new TimeoutException("barrier " + EntryNames.quote(name) + " timed out waiting for " +
                    parties + " parties; it is now broken");
            }
            return outcome(state.read(true), generation, index);
        }
        return outcome(after, generation, index);
    }

    private int outcome(final byte[] payload, final long generation, final int index) throws BrokenBarrierException
    {
        final ByteBuffer s = ByteBuffer.wrap(payload);
        if (s.getLong(GENERATION) == generation || s.getLong(LAST_RESET) == generation)
        {
            throw broken();
        }
        return index;
    }

    /**
     * @return true if this call (or another) broke {@code generation}; false if it had tripped or been reset.
     */
    private boolean breakGeneration(final long generation)
    {
        final ByteBuffer s = ByteBuffer.wrap(state.update(p ->
        {
            final ByteBuffer b = ByteBuffer.wrap(p);
            if (b.getLong(GENERATION) != generation || b.get(BROKEN) != 0)
            {
                return Cell.Change.NONE;
            }
            p[BROKEN] = 1;
            return Cell.Change.to(p);
        }));
        return s.getLong(GENERATION) == generation;
    }

    private BrokenBarrierException broken()
    {
        return new BrokenBarrierException("barrier " + EntryNames.quote(name) + " is broken");
    }

    private static long generation(final byte[] payload)
    {
        return ByteBuffer.wrap(payload).getLong(GENERATION);
    }

    @Override
    public void reset()
    {
        space.checkOpen();
        state.update(p ->
        {
            final ByteBuffer s = ByteBuffer.wrap(p);
            if (s.getInt(ARRIVED) == 0 && s.get(BROKEN) == 0)
            {
                return Cell.Change.NONE;
            }
            final long generation = s.getLong(GENERATION);
            s.putLong(LAST_RESET, generation).putLong(GENERATION, generation + 1).putInt(ARRIVED, 0);
            p[BROKEN] = 0;
            return Cell.Change.to(p);
        });
    }

    @Override
    public boolean isBroken()
    {
        space.checkOpen();
        return state.read(true)[BROKEN] != 0;
    }

    @Override
    public int getParties()
    {
        return parties;
    }

    @Override
    public int getNumberWaiting()
    {
        space.checkOpen();
        final ByteBuffer s = ByteBuffer.wrap(state.read(false));
        return s.get(BROKEN) != 0 ? 0 : s.getInt(ARRIVED);
    }

    @Override
    public String toString()
    {
        return "SharedBarrier['" + name + "' of " + parties + " parties on ZooKeeper]";
    }
}
