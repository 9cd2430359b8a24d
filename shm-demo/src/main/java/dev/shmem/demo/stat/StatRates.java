package dev.shmem.demo.stat;

import dev.shmem.demo.text.Format;
import dev.shmem.demo.text.Table;
import dev.shmem.inspect.RegionSnapshot;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * What changed between two views of {@code stat --watch}, per second: counters (int and long values), queue
 * throughput (offered and taken), lock takeovers and semaphore recoveries. Lock acquisitions are not counted by
 * the library (an uncontended lock writes nothing but its owner word), so they have no rate.
 */
final class StatRates
{
    private StatRates()
    {
    }

    /**
     * Prints the rates between two snapshots, or nothing when nothing changed.
     *
     * @param before       the earlier view.
     * @param after        the later view.
     * @param elapsedNanos time between them.
     * @param out          where.
     */
    static void print(final RegionSnapshot before, final RegionSnapshot after, final long elapsedNanos,
        final PrintWriter out)
    {
        final double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        final Table table = new Table("name", "what", "change", "per second").alignRight(2, 3);
        final Map<String, String> earlier = new HashMap<>();
        before.entries().forEach(e -> earlier.put(e.name(), e.summary()));
        int rows = 0;
        for (final RegionSnapshot.Entry entry : after.entries())
        {
            if (!entry.kind().equals("int value") && !entry.kind().equals("long value"))
            {
                continue;
            }
            final Long was = parse(earlier.get(entry.name()));
            final Long now = parse(entry.summary());
            if (was != null && now != null && !was.equals(now))
            {
                rows += row(table, entry.name(), "value", now - was, seconds);
            }
        }
        final Map<String, RegionSnapshot.Queue> queues = new HashMap<>();
        before.queues().forEach(q -> queues.put(q.name(), q));
        for (final RegionSnapshot.Queue queue : after.queues())
        {
            final RegionSnapshot.Queue was = queues.get(queue.name());
            if (was != null)
            {
                rows += row(table, queue.name(), "offered", queue.tail() - was.tail(), seconds);
                rows += row(table, queue.name(), "taken", queue.head() - was.head(), seconds);
            }
        }
        final Map<String, RegionSnapshot.Lock> locks = new HashMap<>();
        before.locks().forEach(l -> locks.put(l.name(), l));
        for (final RegionSnapshot.Lock lock : after.locks())
        {
            final RegionSnapshot.Lock was = locks.get(lock.name());
            if (was != null)
            {
                rows += row(table, lock.name(), "takeovers", lock.takeovers() - was.takeovers(), seconds);
            }
        }
        final Map<String, RegionSnapshot.Semaphore> semaphores = new HashMap<>();
        before.semaphores().forEach(s -> semaphores.put(s.name(), s));
        for (final RegionSnapshot.Semaphore semaphore : after.semaphores())
        {
            final RegionSnapshot.Semaphore was = semaphores.get(semaphore.name());
            if (was != null)
            {
                rows += row(table, semaphore.name(), "permits recovered", semaphore.recovered() - was.recovered(),
                    seconds);
            }
        }
        out.println();
        out.println("changes over the last " + Format.duration(elapsedNanos) + (rows == 0 ? ": none" : ""));
        if (rows > 0)
        {
            table.print(out, "  ");
        }
    }

    private static int row(final Table table, final String name, final String what, final long change,
        final double seconds)
    {
        if (change == 0)
        {
            return 0;
        }
        table.row(name, what, (change > 0 ? "+" : "") + change, Format.rate(change / seconds));
        return 1;
    }

    private static Long parse(final String summary)
    {
        if (summary == null)
        {
            return null;
        }
        try
        {
            return Long.valueOf(summary);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
