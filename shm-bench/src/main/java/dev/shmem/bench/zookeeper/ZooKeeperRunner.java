package dev.shmem.bench.zookeeper;

import dev.shmem.SharedRegion;
import dev.shmem.process.ChildJvm;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counter, lock and semaphore operations per second across N processes, three ways in one run: shm on ZooKeeper,
 * the same with plain Curator recipes ({@code DistributedAtomicLong} retried until it succeeds,
 * {@code InterProcessSemaphoreMutex}, {@code InterProcessSemaphoreV2}), and shm on the mapped file; then shm's
 * overhead over Curator and the cost of going distributed.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp shm-bench/target/benchmarks.jar \
 *     dev.shmem.bench.zookeeper.ZooKeeperRunner [PROCESSES [MEASURE_SECONDS [HOST:PORT]]]
 * </pre>
 * Without HOST:PORT it starts one in-process ZooKeeper server (Curator's {@code TestingServer}, transaction log
 * fsynced as in production). Each child warms up for 2 s, then counts for the measurement; children start a
 * fraction of a second apart, so their windows overlap for all but that fraction.
 */
public final class ZooKeeperRunner
{
    private static final String[] SCENARIOS = { "counter", "lock", "semaphore" };
    private static final String[] IMPLS = { "shm-zk", "curator", "shm-mapped" };
    private static final long WARMUP_MILLIS = 2_000;

    private ZooKeeperRunner()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int processes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        final long measureMillis = (args.length > 1 ? Long.parseLong(args[1]) : 5) * 1000;
        final TestingServer server = args.length > 2 ? null :
            new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
        final String connect = server == null ? args[2] : server.getConnectString();
        final Path work = Files.createTempDirectory("shm-zk-bench-");
        System.out.printf("ZooKeeperRunner: %d processes, %d s per measurement, ZooKeeper %s%s%n", processes,
            measureMillis / 1000, connect, server == null ? "" : " (in-process server)");
        final Map<String, Double> opsPerSecond = new LinkedHashMap<>();
        try
        {
            int run = 0;
            for (final String scenario : SCENARIOS)
            {
                for (final String impl : IMPLS)
                {
                    run++;
                    final String target;
                    SharedRegion region = null;
                    if (impl.equals("shm-mapped"))
                    {
                        final Path file = work.resolve("run-" + run + ".shm");
                        region = SharedRegion.create(file, 1 << 20);
                        target = file.toString();
                    }
                    else
                    {
                        target = connect + "/zk-bench-" + ProcessHandle.current().pid() + "-" + run;
                    }
                    try
                    {
                        final double ops = measure(impl, scenario, target, processes, measureMillis, work, run);
                        opsPerSecond.put(scenario + " " + impl, ops);
                        System.out.printf("  %-10s %-11s %,14.0f ops/s%n", scenario, impl, ops);
                    }
                    finally
                    {
                        if (region != null)
                        {
                            region.close();
                        }
                    }
                }
            }
            System.out.println();
            System.out.println("scenario    shm-zk / curator   shm-mapped / shm-zk");
            for (final String scenario : SCENARIOS)
            {
                final double zk = opsPerSecond.get(scenario + " shm-zk");
                System.out.printf("%-11s %15.2f   %18.0f%n", scenario, zk / opsPerSecond.get(scenario + " curator"),
                    opsPerSecond.get(scenario + " shm-mapped") / zk);
            }
        }
        finally
        {
            if (server != null)
            {
                server.close();
            }
            try (var files = Files.walk(work))
            {
                for (final Path p : files.sorted(java.util.Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static double measure(final String impl, final String scenario, final String target, final int processes,
        final long measureMillis, final Path work, final int run) throws Exception
    {
        final List<ChildJvm> children = new ArrayList<>();
        final List<Path> outs = new ArrayList<>();
        try
        {
            for (int i = 0; i < processes; i++)
            {
                final Path out = work.resolve("run-" + run + "-" + i + ".out");
                outs.add(out);
                children.add(ChildJvm.builder(ZooKeeperChild.class).logDirectory(work)
                    .args(impl, scenario, target, Long.toString(WARMUP_MILLIS), Long.toString(measureMillis),
                        out.toString()).start());
            }
            double total = 0;
            for (int i = 0; i < processes; i++)
            {
                children.get(i).awaitSuccess(Duration.ofMillis(WARMUP_MILLIS + measureMillis + 120_000));
                final String[] counted = Files.readString(outs.get(i)).trim().split(" ");
                total += Long.parseLong(counted[0]) * 1e9 / Long.parseLong(counted[1]);
            }
            return total;
        }
        finally
        {
            children.forEach(ChildJvm::close);
        }
    }
}
