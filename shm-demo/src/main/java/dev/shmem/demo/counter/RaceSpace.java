package dev.shmem.demo.counter;

import dev.shmem.SharedRegion;
import dev.shmem.SharedSpace;
import dev.shmem.zookeeper.ZooKeeperSpace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a counter race keeps its counters: a fresh region file (the mapped backend), or a fresh root path on a
 * ZooKeeper ensemble ({@code --backend zookeeper}), given as {@code HOST:PORT[,HOST:PORT...]/ROOT}.
 */
final class RaceSpace
{
    static final long REGION_CAPACITY = RaceRunner.REGION_CAPACITY;

    private RaceSpace()
    {
    }

    /**
     * @param region    the region file (mapped backend; must not exist).
     * @param zookeeper {@code CONNECT/ROOT}, or null for the mapped backend.
     * @return the new space, empty.
     * @throws IOException if the region cannot be created.
     */
    static SharedSpace create(final Path region, final String zookeeper) throws IOException
    {
        return zookeeper == null ? SharedRegion.create(region, REGION_CAPACITY) : connect(zookeeper);
    }

    /**
     * @return the existing space of a race, for a child.
     */
    static SharedSpace open(final Path region, final String zookeeper) throws IOException
    {
        return zookeeper == null ? SharedRegion.open(region) : connect(zookeeper);
    }

    private static SharedSpace connect(final String zookeeper)
    {
        final int slash = zookeeper.indexOf('/');
        if (slash <= 0)
        {
            throw new IllegalArgumentException("ZooKeeper space '" + zookeeper + "': expected HOST:PORT/ROOT");
        }
        return OnZooKeeper.connect(zookeeper.substring(0, slash), zookeeper.substring(slash));
    }

    /**
     * Keeps {@link ZooKeeperSpace} (and Curator) out of a mapped race's class loading: the verifier of
     * {@code RaceSpace} needs no ZooKeeper class, so a mapped child starts as fast as before.
     */
    private static final class OnZooKeeper
    {
        static SharedSpace connect(final String connectString, final String root)
        {
            return ZooKeeperSpace.connect(connectString, root);
        }
    }
}
