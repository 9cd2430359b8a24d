package dev.shmem.bench.runner.scenarios;

import dev.shmem.bench.runner.PythonScenario;
import dev.shmem.bench.runner.Scenario;

import java.util.List;

/**
 * The runner's scenarios, in the order they run and are printed (baselines before what is compared with them).
 * A new scenario is one class plus one line here: the locked increment ({@code SharedLock} around a plain
 * get/set, targets {@code >= 30x python.value_lock} and {@code >= 30x filelock}), semaphore pairs
 * ({@code >= 5x python.semaphore}), lock ping-pong with a parked waiter ({@code p50 <= 10 us}, a
 * {@link dev.shmem.bench.runner.ChildScenario} recording latency) and the CPU time of a blocked waiter
 * ({@code <= 2%} of a core, a {@link Scenario} of its own shape) go here when shm-core has locks and semaphores.
 */
public final class Scenarios
{
    /** Python {@code Value('q').get_lock()} around {@code value.value += 1}. */
    public static final String PYTHON_VALUE_LOCK = "python.value_lock";
    /** Python {@code Semaphore(1)} acquire/release pairs. */
    public static final String PYTHON_SEMAPHORE = "python.semaphore";

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
                "Python multiprocessing: Semaphore(1).acquire(); release()"));
    }
}
