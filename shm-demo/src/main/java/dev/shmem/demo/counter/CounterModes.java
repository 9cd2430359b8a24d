package dev.shmem.demo.counter;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modes {@code counter-race} knows, in the order they run.
 *
 * <p>A new mode is one class implementing {@link CounterStrategy}, added to {@link #AVAILABLE} at its place in the
 * run order.
 */
public final class CounterModes
{
    /** Modes this build can run, in run order. */
    private static final List<CounterStrategy> AVAILABLE = List.of(
        new PlainIncrement(),
        new AtomicIncrement(),
        new LockedIncrement(),
        new ShardedIncrement());

    private CounterModes()
    {
    }

    /**
     * @return every mode this build can run, in run order.
     */
    public static List<CounterStrategy> available()
    {
        return AVAILABLE;
    }

    /**
     * @return the names of the available modes, e.g. {@code [plain, atomic, locked, sharded]}.
     */
    public static List<String> availableNames()
    {
        final List<String> names = new ArrayList<>();
        for (final CounterStrategy mode : AVAILABLE)
        {
            names.add(mode.name());
        }
        return names;
    }

    /**
     * @param name a mode name.
     * @return its strategy.
     * @throws DemoException (usage) for an unknown mode, naming the available ones.
     */
    public static CounterStrategy forName(final String name)
    {
        for (final CounterStrategy mode : AVAILABLE)
        {
            if (mode.name().equals(name))
            {
                return mode;
            }
        }
        throw new DemoException(Main.EXIT_USAGE, "unknown mode '" + name + "': expected one of " +
            String.join(", ", availableNames()));
    }

    /**
     * @param names mode names as given (may repeat).
     * @return their strategies in run order, each once.
     * @throws DemoException (usage) for an empty list or a mode that cannot run.
     */
    public static List<CounterStrategy> select(final List<String> names)
    {
        if (names.isEmpty())
        {
            throw new DemoException(Main.EXIT_USAGE, "--modes is empty: expected one or more of " +
                String.join(", ", availableNames()));
        }
        final Map<String, CounterStrategy> chosen = new LinkedHashMap<>();
        for (final String name : names)
        {
            final CounterStrategy mode = forName(name.trim());
            chosen.putIfAbsent(mode.name(), mode);
        }
        final List<CounterStrategy> ordered = new ArrayList<>();
        for (final CounterStrategy mode : AVAILABLE)
        {
            if (chosen.containsKey(mode.name()))
            {
                ordered.add(mode);
            }
        }
        return ordered;
    }
}
