package dev.shmem.zookeeper;

import org.apache.curator.framework.CuratorFramework;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code stat} can show of a {@link ZooKeeperSpace}, as far as the backend allows: every entry (name, kind,
 * size parameter), the current value of int and long values, and how many spaces (client sessions) are open on
 * the root. Reads only, but through an open space, whose own session counts among the clients; ZooKeeper keeps no
 * pids, ledgers or wait records, so there is no holder pid and no deadlock detection here.
 */
public final class ZooKeeperInspector
{
    private final ZooKeeperSpace space;

    /**
     * An entry of the space.
     *
     * @param name      its shm name.
     * @param kind      its kind as the space records it, e.g. {@code long value} or {@code lock}.
     * @param parameter its size parameter (array length, queue slots, barrier parties...), 0 if none.
     * @param value     the current value of an int or long value, else null.
     */
    public record Entry(String name, String kind, long parameter, Long value)
    {
    }

    /**
     * @param space an open space (its session is used for the reads).
     */
    public ZooKeeperInspector(final ZooKeeperSpace space)
    {
        this.space = space;
    }

    /**
     * @return every entry under the root, by name.
     * @throws ZooKeeperException if ZooKeeper cannot be read.
     */
    public List<Entry> entries()
    {
        final CuratorFramework client = space.client();
        final List<Entry> entries = new ArrayList<>();
        for (final String child : children(client, ZooKeeperSpace.ENTRIES))
        {
            if (!child.startsWith("_"))
            {
                continue;
            }
            final String name;
            try
            {
                name = new String(Base64.getUrlDecoder().decode(child.substring(1)), StandardCharsets.UTF_8);
            }
            catch (final IllegalArgumentException ex)
            {
                continue;
            }
            final byte[] data = Zk.unchecked(() -> client.getData().forPath(ZooKeeperSpace.ENTRIES + "/" + child));
            final String text = new String(data, StandardCharsets.UTF_8);
            final int newline = text.lastIndexOf('\n');
            final String kind = newline < 0 ? text : text.substring(0, newline);
            long parameter = 0;
            try
            {
                parameter = newline < 0 ? 0 : Long.parseLong(text.substring(newline + 1));
            }
            catch (final NumberFormatException ex)
            {
                parameter = -1;
            }
            final Long value = kind.equals("long value") ? Long.valueOf(space.longValue(name).get()) :
                kind.equals("int value") ? Long.valueOf(space.intValue(name).get()) : null;
            entries.add(new Entry(name, kind, parameter, value));
        }
        entries.sort(Comparator.comparing(Entry::name));
        return entries;
    }

    /**
     * @return how many spaces are open on the root now (live sessions, this one included).
     * @throws ZooKeeperException if ZooKeeper cannot be read.
     */
    public int clients()
    {
        return children(space.client(), ZooKeeperSpace.OWNERS).size();
    }

    private static List<String> children(final CuratorFramework client, final String path)
    {
        return Zk.unchecked(() -> client.checkExists().forPath(path) == null ? List.<String>of() :
            client.getChildren().forPath(path));
    }
}
