package dev.shmem.demo.stat;

import dev.shmem.demo.text.Format;
import dev.shmem.inspect.Deadlock;
import dev.shmem.inspect.RegionInspector;
import dev.shmem.inspect.RegionSnapshot;
import dev.shmem.demo.text.Table;

import java.io.PrintWriter;
import java.util.StringJoiner;

/**
 * Prints a {@link RegionSnapshot} as text: header, entries, locks, semaphores, queues, processes.
 */
public final class StatPrinter
{
    private static final String INDENT = "  ";

    private StatPrinter()
    {
    }

    /**
     * @param snapshot what to print.
     * @param out      where.
     * @param limit    most rows per table.
     */
    public static void print(final RegionSnapshot snapshot, final PrintWriter out, final int limit)
    {
        header(snapshot, out);
        entries(snapshot, out, limit);
        locks(snapshot, out, limit);
        semaphores(snapshot, out, limit);
        queues(snapshot, out, limit);
        processes(snapshot, out);
        deadlocks(snapshot, out);
        out.flush();
    }

    private static void header(final RegionSnapshot snapshot, final PrintWriter out)
    {
        final RegionSnapshot.Header header = snapshot.header();
        out.println("region " + header.path());
        out.println(INDENT + "format version " + header.formatVersion() + ", capacity " +
            Format.count(header.capacity()) + " bytes");
        out.println(INDENT + "used " + Format.count(header.usedBytes()) + " of " + Format.count(header.dataCapacity()) +
            " data bytes (" + Format.percent(100.0 * header.usedBytes() / header.dataCapacity()) + "), " +
            snapshot.entries().size() + " of " + header.directorySlots() + " directory records");
        out.println(INDENT + "created " + header.createdAt() + " by pid " + header.creatorPid());
    }

    private static void entries(final RegionSnapshot snapshot, final PrintWriter out, final int limit)
    {
        out.println();
        out.println("entries (" + snapshot.entries().size() + ")");
        if (snapshot.entries().isEmpty())
        {
            return;
        }
        final Table table = new Table("name", "type", "value");
        for (final RegionSnapshot.Entry entry : first(snapshot.entries(), limit))
        {
            table.row(entry.name(), entry.type(), entry.summary());
        }
        table.print(out, INDENT);
        more(snapshot.entries().size(), limit, out);
    }

    private static void locks(final RegionSnapshot snapshot, final PrintWriter out, final int limit)
    {
        out.println();
        out.println("locks (" + snapshot.locks().size() + ")");
        if (snapshot.locks().isEmpty())
        {
            return;
        }
        final Table table = new Table("name", "kind", "state", "holder", "thread", "holds", "waiters", "takeovers",
            "data", "last dead owner").alignRight(4, 5, 6, 7);
        for (final RegionSnapshot.Lock lock : first(snapshot.locks(), limit))
        {
            table.row(lock.name(), lock.reentrant() ? "reentrant" : "lock", lock.held() ? "held" : "free",
                lock.held() ? RegionInspector.holder(lock.holderPid(), lock.holderAlive()) : "-",
                lock.held() ? Long.toString(lock.holderThread()) : "-",
                lock.reentrant() ? Integer.toString(lock.holdCount()) : "-",
                Integer.toString(lock.waiters()), Long.toString(lock.takeovers()),
                lock.inconsistent() ? "INCONSISTENT" : "consistent",
                lock.deadOwnerPid() == 0 ? "-" : "pid " + lock.deadOwnerPid());
        }
        table.print(out, INDENT);
        more(snapshot.locks().size(), limit, out);
    }

    private static void semaphores(final RegionSnapshot snapshot, final PrintWriter out, final int limit)
    {
        out.println();
        out.println("semaphores (" + snapshot.semaphores().size() + ")");
        if (snapshot.semaphores().isEmpty())
        {
            return;
        }
        final Table table = new Table("name", "kind", "available", "initial", "waiters", "recovered", "holders")
            .alignRight(2, 3, 4, 5);
        for (final RegionSnapshot.Semaphore semaphore : first(snapshot.semaphores(), limit))
        {
            final StringJoiner holders = new StringJoiner(", ");
            for (final RegionSnapshot.Holder holder : semaphore.holders())
            {
                holders.add((holder.pid() == 0 ? "slot " + holder.slot() + " (process gone, to be recovered)" :
                    RegionInspector.holder(holder.pid(), holder.alive())) + ": " + holder.permits());
            }
            table.row(semaphore.name(), semaphore.bounded() ? "bounded" : "semaphore",
                Integer.toString(semaphore.available()), Integer.toString(semaphore.initial()),
                Integer.toString(semaphore.waiters()), Long.toString(semaphore.recovered()),
                semaphore.holders().isEmpty() ? "-" : holders.toString());
        }
        table.print(out, INDENT);
        more(snapshot.semaphores().size(), limit, out);
    }

    private static void queues(final RegionSnapshot snapshot, final PrintWriter out, final int limit)
    {
        out.println();
        out.println("queues (" + snapshot.queues().size() + ")");
        if (snapshot.queues().isEmpty())
        {
            return;
        }
        final Table table = new Table("name", "slots", "max bytes", "size", "offered", "taken", "state",
            "consumers waiting", "producers waiting", "skipped (dead producers)", "lost (dead consumers)")
            .alignRight(1, 2, 3, 4, 5, 7, 8, 9, 10);
        for (final RegionSnapshot.Queue queue : first(snapshot.queues(), limit))
        {
            table.row(queue.name(), Format.count(queue.slots()), Format.count(queue.maxMessageBytes()),
                Integer.toString(queue.size()), Long.toString(queue.tail()), Long.toString(queue.head()),
                queue.endOfStream() ? "closed, end of stream" : queue.closed() ? "closed" : "open",
                Integer.toString(queue.consumersWaiting()), Integer.toString(queue.producersWaiting()),
                Long.toString(queue.skipped()), Long.toString(queue.lost()));
        }
        table.print(out, INDENT);
        more(snapshot.queues().size(), limit, out);
    }

    private static void processes(final RegionSnapshot snapshot, final PrintWriter out)
    {
        out.println();
        out.println("processes (" + snapshot.processes().size() + " attached, " + snapshot.header().processSlots() +
            " slots)");
        if (snapshot.processes().isEmpty())
        {
            return;
        }
        final Table table = new Table("slot", "pid", "alive", "generation", "attached at").alignRight(0, 1, 3);
        for (final RegionSnapshot.Process process : snapshot.processes())
        {
            table.row(Integer.toString(process.slot()), Long.toString(process.pid()),
                process.alive() ? "yes" : "no (dead, slot reclaimable)", Integer.toString(process.generation()),
                process.attachedAt().toString());
        }
        table.print(out, INDENT);
    }

    private static void deadlocks(final RegionSnapshot snapshot, final PrintWriter out)
    {
        out.println();
        if (snapshot.deadlocks().isEmpty())
        {
            out.println("deadlocks: none");
            return;
        }
        out.println("DEADLOCKS (" + snapshot.deadlocks().size() + ")");
        int n = 0;
        for (final Deadlock deadlock : snapshot.deadlocks())
        {
            n++;
            out.println(INDENT + "cycle " + n + " of " + deadlock.threads().size() + " threads" +
                (deadlock.throughDeadProcess() ? ", through a dead process (a waiter will take its lock over)" : "") +
                ":");
            final Table table = new Table("pid", "alive", "thread", "holds", "waits for", "waiting for")
                .alignRight(0, 5);
            for (final Deadlock.DeadlockedThread thread : deadlock.threads())
            {
                table.row(thread.pid() == 0 ? "gone" : Long.toString(thread.pid()), thread.alive() ? "yes" : "DEAD",
                    thread.threadName() + " (" + thread.threadId() + ")", thread.holds(), thread.waitsFor(),
                    Format.duration(thread.waited().toNanos()));
            }
            table.print(out, INDENT + INDENT);
        }
    }

    private static <T> java.util.List<T> first(final java.util.List<T> all, final int limit)
    {
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    private static void more(final int size, final int limit, final PrintWriter out)
    {
        if (size > limit)
        {
            out.println(INDENT + "... and " + (size - limit) + " more (narrow with --prefix, show more with --limit, " +
                "or read everything with --json)");
        }
    }
}
