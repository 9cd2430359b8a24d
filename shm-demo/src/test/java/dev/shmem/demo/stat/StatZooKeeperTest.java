package dev.shmem.demo.stat;

import dev.shmem.demo.DemoRun;
import dev.shmem.zookeeper.ZooKeeperSpace;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stat of a ZooKeeper space on a real in-process server: entries with kinds, sizes and values, open spaces.
 */
class StatZooKeeperTest
{
    @Test
    void showsTheEntriesOfAZooKeeperSpace() throws Exception
    {
        try (TestingServer server = new TestingServer(true);
             ZooKeeperSpace space = ZooKeeperSpace.connect(server.getConnectString(), "/stat-test"))
        {
            space.longValue("hits").set(42);
            space.intArray("xs", 3);
            space.lock("l");
            final DemoRun run = DemoRun.run("stat", "--zookeeper", server.getConnectString(), "--root", "/stat-test");
            assertEquals(0, run.exitCode(), run::toString);
            final String out = run.out();
            assertTrue(out.contains("entries (3)"), out);
            assertTrue(out.contains("2 open spaces"), out);
            assertTrue(Pattern.compile("(?m)^\\s+hits\\s+long value\\s+-\\s+42\\s*$").matcher(out).find(), out);
            assertTrue(Pattern.compile("(?m)^\\s+xs\\s+int array of length 3\\s+\\S+\\s+-\\s*$").matcher(out).find(), out);

            final DemoRun bad = DemoRun.run("stat", "--zookeeper", server.getConnectString());
            assertEquals(2, bad.exitCode(), bad::toString);
            assertTrue(bad.err().contains("needs both --zookeeper and --root"), bad::toString);
        }
    }
}
