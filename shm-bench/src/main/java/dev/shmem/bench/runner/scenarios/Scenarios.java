package dev.shmem.bench.runner.scenarios;

import dev.shmem.bench.runner.PythonScenario;
import dev.shmem.bench.runner.Scenario;

import java.util.List;

/**
 * The runner's scenarios, in the order they run and are printed (baselines before what is compared with them).
 * A new scenario is one class (usually a {@link dev.shmem.bench.runner.ChildScenario}) plus one line here; it
 * declares its own targets and baseline.
 */
public final class Scenarios
{
    /** Python {@code Value('q').get_lock()} around {@code value.value += 1}. */
    public static final String PYTHON_VALUE_LOCK = "python.value_lock";
    /** Python {@code Semaphore(1)} acquire/release pairs. */
    public static final String PYTHON_SEMAPHORE = "python.semaphore";
    /** Python {@code multiprocessing.Queue()} of 8-byte {@code bytes}. */
    public static final String PYTHON_QUEUE8 = "python.queue8";
    /** Python {@code multiprocessing.Queue()} of 1 KiB {@code bytes}. */
    public static final String PYTHON_QUEUE1K = "python.queue1k";
    /** Python {@code Manager().dict()}: {@code d[key] = 8-byte bytes; d[key]}. */
    public static final String PYTHON_DICT8 = "python.dict8";
    /** Python {@code Manager().dict()}: {@code d[key] = 100-byte bytes; d[key]}. */
    public static final String PYTHON_DICT100 = "python.dict100";

    private Scenarios()
    {
    }

    /**
     * @return every scenario, in running order.
     */
    public static List<Scenario> all()
    {
        return List.of(
            new RawGetAndAdd(),
            new AtomicIncrement(),
            new ShardedCounters(),
            new FileLockIncrement(),
            new PythonScenario(PYTHON_VALUE_LOCK, "value_lock",
                "Python multiprocessing: with value.get_lock(): value.value += 1 (Value('q'))"),
            new PythonScenario(PYTHON_SEMAPHORE, "semaphore",
                "Python multiprocessing: Semaphore(1).acquire(); release()"),
            new JucLockIncrement(),
            new LockedIncrement(),
            new JucSemaphorePairs(),
            new SemaphorePairs(),
            new LockPingPong(),
            new BlockedWaiterCpu(),
            new PythonScenario(PYTHON_QUEUE8, "queue8",
                "Python multiprocessing: Queue(), producers put(8-byte bytes), consumers get()"),
            new PythonScenario(PYTHON_QUEUE1K, "queue1k",
                "Python multiprocessing: Queue(), producers put(1 KiB bytes), consumers get()"),
            new Queue8Bytes(),
            new Queue1KiB(),
            new RingThroughput.ManyToOne8(),
            new RingThroughput.OneToOne8(),
            new RingThroughput.Queue8(),
            new RingThroughput.ManyToOne1KiB(),
            new RingThroughput.OneToOne1KiB(),
            new RingThroughput.Queue1KiB(),
            new PythonScenario(PYTHON_DICT8, "dict8",
                "Python multiprocessing: Manager().dict(), d[key] = 8-byte bytes, then d[key]"),
            new PythonScenario(PYTHON_DICT100, "dict100",
                "Python multiprocessing: Manager().dict(), d[key] = 100-byte bytes, then d[key]"),
            new MapPutGet.Chronicle8(),
            new MapPutGet.Chronicle100(),
            new MapPutGet.Shm8(),
            new MapPutGet.Shm100());
    }
}
