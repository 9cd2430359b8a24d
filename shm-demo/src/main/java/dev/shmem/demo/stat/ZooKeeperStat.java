package dev.shmem.demo.stat;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.demo.text.Table;
import dev.shmem.zookeeper.ZooKeeperException;
import dev.shmem.zookeeper.ZooKeeperInspector;
import dev.shmem.zookeeper.ZooKeeperSpace;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * {@code stat --zookeeper HOST:PORT --root /path}: the entries of a ZooKeeper space (name, kind, size, values of
 * int and long values) and how many spaces are open on it, as far as the backend allows (no pids, ledgers or
 * wait records live in ZooKeeper).
 */
final class ZooKeeperStat
{
    private ZooKeeperStat()
    {
    }

    static void print(final String connect, final String root, final String prefix, final PrintWriter out)
    {
        try (ZooKeeperSpace space = ZooKeeperSpace.builder().connectString(connect).rootPath(root)
            .connectionTimeout(Duration.ofSeconds(10)).build())
        {
            final ZooKeeperInspector inspector = new ZooKeeperInspector(space);
            final List<ZooKeeperInspector.Entry> entries = inspector.entries().stream()
                .filter(e -> e.name().startsWith(prefix)).toList();
            out.println("ZooKeeper space " + root + " on " + connect);
            out.println("  " + inspector.clients() + " open spaces (client sessions, this one included)");
            out.println();
            out.println("entries (" + entries.size() + ")");
            if (!entries.isEmpty())
            {
                final Table table = new Table("name", "kind", "size", "value").alignRight(2, 3);
                for (final ZooKeeperInspector.Entry entry : entries)
                {
                    table.row(entry.name(), entry.kind(), entry.parameter() == 0 ? "-" : Long.toString(entry.parameter()),
                        entry.value() == null ? "-" : entry.value().toString());
                }
                table.print(out, "  ");
            }
            out.flush();
        }
        catch (final ZooKeeperException | IllegalArgumentException ex)
        {
            throw new DemoException(Main.EXIT_FAILURE, "ZooKeeper space " + root + " on " + connect + ": " +
                ex.getMessage(), ex);
        }
    }
}
