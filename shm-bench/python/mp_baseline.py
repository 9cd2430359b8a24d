#!/usr/bin/env python3
"""Python multiprocessing baselines for the shm benchmarks (shm-bench, issues 6 and 8).

Measures what Python users would use for the same job, with N processes on one machine:

  value_lock  `with value.get_lock(): value.value += 1` on a `multiprocessing.Value('q')`
  semaphore   `sem.acquire(); sem.release()` pairs on a `multiprocessing.Semaphore(1)`
  queue8      `multiprocessing.Queue()`: producers `put` 8-byte `bytes`, consumers `get` them
  queue1k     the same with 1024-byte `bytes`
  dict8       `d[key] = value; d[key]` on a `Manager().dict()`: a random key of 65,536 ints, an 8-byte `bytes`
  dict100     the same with 100-byte values
  pool_apply  `Pool(N).apply_async(empty, (None,)).get()` one after the other (round trip of an empty task)
  pool_map    `Pool(N).map(empty, range(--tasks), chunksize)` repeated (throughput of empty tasks)
  heavy       the seed article's `heavy_task(n)` (a sum of square roots) on --tasks inputs: sequential in one
              process, then `Pool(N).map`; prints both times and the speedup

The first four follow the JVM runner's protocol: the workers start, report ready, run a warm-up, then count
operations in a measurement window that the parent opens and closes through a shared phase word (checked every
64 operations). Each worker measures its own window; the rate printed is the sum of the workers' rates (for the
queues: of the consumers', i.e. messages delivered per second). Checks: the counter of value_lock equals the
operations performed; every queue message carries its producer and sequence number, and each consumer checks
that every producer's numbers arrive strictly increasing (with one consumer: exactly 0, 1, 2, ... without a
gap); heavy checks that the pool's results equal the sequential ones. Any failed check exits with status 1.

The queue is unbounded (`Queue()`, as in the article): the fastest variant (a `Queue(maxsize)` pays a semaphore
per message). So that the backlog stays bounded, producers pause (sleeping, which releases the GIL to their
feeder thread) while more than FLOW_WINDOW messages are in flight, the shm queue's slot count. With --processes N,
N // 2 processes produce and the others consume (at least one of each). At the stop, each producer puts one
`None` sentinel per consumer and every consumer stops at its first.

Prints one line for the runner to parse:
  RESULT scenario=value_lock processes=2 start_method=fork ops_per_second=123456.7 measured_ops=... total_ops=...

Run by hand:  python3 mp_baseline.py --scenario value_lock --processes 2 --warmup 1 --duration 3
              python3 mp_baseline.py --scenario queue1k --processes 2 --warmup 1 --duration 3
              python3 mp_baseline.py --scenario heavy --processes 2 --tasks 8 --n 2000000 --rounds 3
"""
import argparse
import math
import multiprocessing as mp
import struct
import sys
import time

WAITING, WARMUP, MEASURE, STOP = 0, 1, 2, 3
BATCH = 64
FLOW_WINDOW = 1024
SEQUENCE_BITS = 48
SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1
QUEUE_MESSAGE_BYTES = {"queue8": 8, "queue1k": 1024}
LOCK_SCENARIOS = ["value_lock", "semaphore"]
DICT_VALUE_BYTES = {"dict8": 8, "dict100": 100}
DICT_KEYS = 65536
POOL_SCENARIOS = ["pool_apply", "pool_map", "heavy"]
SYNC_SCENARIOS = ["barrier", "condition"]


class _Handoffs:
    """Counts acquisitions by another process than the previous holder (`holder` is guarded by the lock)."""

    def __init__(self, holder, me):
        self.holder = holder
        self.me = me
        self.count = 0

    def acquired(self):
        if self.holder.value != self.me:
            self.holder.value = self.me
            self.count += 1


def _value_lock_op(value, handoffs):
    lock = value.get_lock()
    if handoffs is None:
        def op():
            with lock:
                value.value += 1
    else:
        def op():
            with lock:
                handoffs.acquired()
                value.value += 1
    return op


def _semaphore_op(sem, handoffs):
    if handoffs is None:
        def op():
            sem.acquire()
            sem.release()
    else:
        def op():
            sem.acquire()
            handoffs.acquired()
            sem.release()
    return op


def _dict_op(d, size, index):
    import random
    rng = random.Random(index)
    value = bytes([index % 256]) * size
    randrange = rng.randrange

    def op():
        key = randrange(DICT_KEYS)
        d[key] = value
        if len(d[key]) != size:
            raise RuntimeError("worker %d: key %d read back with another length" % (index, key))
    return op


def _check(deadline, index):
    if time.monotonic() > deadline:
        raise RuntimeError("worker %d: the run was not stopped in time (has the parent died?)" % index)


def _worker(scenario, shared, holder, phase, barrier, results, index, timeout, run_seconds):
    handoffs = None if holder is None else _Handoffs(holder, index + 1)
    if scenario in DICT_VALUE_BYTES:
        op = _dict_op(shared, DICT_VALUE_BYTES[scenario], index)
    elif scenario == "value_lock":
        op = _value_lock_op(shared, handoffs)
    else:
        op = _semaphore_op(shared, handoffs)
    barrier.wait(timeout)
    deadline = time.monotonic() + timeout
    while phase.value == WAITING:
        if time.monotonic() > deadline:
            raise RuntimeError("worker %d: no start signal within %s s" % (index, timeout))
        time.sleep(0.0005)
    deadline = time.monotonic() + run_seconds + timeout
    ops = 0
    while phase.value == WARMUP:
        for _ in range(BATCH):
            op()
        ops += BATCH
        _check(deadline, index)
    begin_ops = ops
    begin_handoffs = 0 if handoffs is None else handoffs.count
    begin = time.perf_counter_ns()
    while phase.value == MEASURE:
        for _ in range(BATCH):
            op()
        ops += BATCH
        _check(deadline, index)
    end = time.perf_counter_ns()
    measured_handoffs = -1 if handoffs is None else handoffs.count - begin_handoffs
    results.put((index, ops, ops - begin_ops, end - begin, measured_handoffs))


def _run_phases(workers, barrier, phase, results, args):
    """Starts the workers, releases them together, runs warm-up then measurement, and returns one report per
    worker; every wait is bounded by args.timeout and a worker still alive at the end is killed."""
    for w in workers:
        w.start()
    try:
        barrier.wait(args.timeout)
        phase.value = WARMUP
        time.sleep(args.warmup)
        phase.value = MEASURE
        time.sleep(args.duration)
        phase.value = STOP
        reports = [results.get(timeout=args.timeout) for _ in workers]
        for w in workers:
            w.join(args.timeout)
            if w.exitcode != 0:
                raise RuntimeError("worker pid %s exited with %s" % (w.pid, w.exitcode))
        return reports
    finally:
        for w in workers:
            if w.is_alive():
                w.kill()
                w.join(5)


def _lock_main(args, shared=None):
    if shared is not None:
        pass
    elif args.scenario == "value_lock":
        shared = mp.Value("q", 0)
    else:
        shared = mp.Semaphore(1)
    holder = mp.RawValue("i", 0) if args.handoffs else None
    phase = mp.RawValue("i", WAITING)
    barrier = mp.Barrier(args.processes + 1)
    results = mp.Queue()
    run_seconds = args.warmup + args.duration
    workers = [mp.Process(target=_worker, daemon=True,
                          args=(args.scenario, shared, holder, phase, barrier, results, i, args.timeout,
                                run_seconds))
               for i in range(args.processes)]
    reports = _run_phases(workers, barrier, phase, results, args)

    total_ops = sum(r[1] for r in reports)
    measured_ops = sum(r[2] for r in reports)
    if any(r[3] <= 0 or r[2] <= 0 for r in reports):
        raise RuntimeError("a worker performed no operation in the measurement window: %r" % (reports,))
    ops_per_second = sum(r[2] * 1e9 / r[3] for r in reports)
    handoffs = ""
    if args.handoffs:
        handoffs = " handoffs_per_second=%.1f" % sum(r[4] * 1e9 / r[3] for r in reports)
    if args.scenario == "value_lock" and shared.value != total_ops:
        print("value is %d, expected %d: increments were lost" % (shared.value, total_ops), file=sys.stderr)
        return 1
    print("RESULT scenario=%s processes=%d start_method=%s python=%s ops_per_second=%.1f measured_ops=%d "
          "total_ops=%d%s" % (args.scenario, args.processes, mp.get_start_method(), sys.version.split()[0],
                              ops_per_second, measured_ops, total_ops, handoffs))
    return 0


def _await_start(phase, index, timeout):
    deadline = time.monotonic() + timeout
    while phase.value == WAITING:
        if time.monotonic() > deadline:
            raise RuntimeError("worker %d: no start signal within %s s" % (index, timeout))
        time.sleep(0.0005)


def _queue_producer(queue, index, consumers, size, phase, barrier, sent, received, done, results, timeout,
                    run_seconds):
    prefix = index << SEQUENCE_BITS
    padding = bytes(size - 8)
    pack = struct.Struct("<q").pack
    put = queue.put
    barrier.wait(timeout)
    _await_start(phase, index, timeout)
    deadline = time.monotonic() + run_seconds + timeout
    sequence = 0
    while phase.value < STOP:
        for _ in range(BATCH):
            put(pack(prefix | sequence) + padding)
            sequence += 1
        sent[index] = sequence
        # Flow control: at most FLOW_WINDOW messages in flight (sleeping releases the GIL to the feeder thread).
        while sum(sent) - sum(received) > FLOW_WINDOW and phase.value < STOP:
            time.sleep(0.00005)
            _check(deadline, index)
        _check(deadline, index)
    for _ in range(consumers):
        put(None)
    # Stay until every consumer has its sentinel (the feeder thread must flush them), then exit without waiting
    # for the rest of the backlog to be flushed.
    while done.value < consumers:
        _check(deadline, index)
        time.sleep(0.001)
    queue.cancel_join_thread()
    results.put(("producer", index, sequence, 0, 0))


def _queue_consumer(queue, index, producers, consumers, size, phase, barrier, received, done, results, timeout,
                    run_seconds):
    unpack = struct.Struct("<q").unpack_from
    get = queue.get
    last = [-1] * producers
    gap_free = consumers == 1
    barrier.wait(timeout)
    _await_start(phase, index, timeout)
    deadline = time.monotonic() + run_seconds + timeout
    count = 0
    begin = end = None
    begin_count = end_count = 0
    finished = False
    while not finished:
        for _ in range(BATCH):
            message = get()
            if message is None:
                finished = True
                break
            word = unpack(message)[0]
            producer = word >> SEQUENCE_BITS
            sequence = word & SEQUENCE_MASK
            if len(message) != size or producer >= producers or sequence <= last[producer] or \
                    (gap_free and sequence != last[producer] + 1):
                raise RuntimeError("consumer %d: message of %d bytes from producer %d with sequence %d after %d "
                                   "(expected %d bytes, strictly increasing%s)" %
                                   (index, len(message), producer, sequence, last[min(producer, producers - 1)],
                                    size, ", no gap" if gap_free else ""))
            last[producer] = sequence
            count += 1
        received[index] = count
        now_phase = phase.value
        if begin is None and now_phase >= MEASURE:
            begin, begin_count = time.perf_counter_ns(), count
        if end is None and now_phase >= STOP:
            end, end_count = time.perf_counter_ns(), count
        _check(deadline, index)
    with done.get_lock():
        done.value += 1
    if begin is None or end is None or end_count <= begin_count:
        raise RuntimeError("consumer %d received no message in the measurement window" % index)
    results.put(("consumer", index, count, end_count - begin_count, end - begin))


def _queue_main(args):
    size = QUEUE_MESSAGE_BYTES[args.scenario]
    producers = max(1, args.processes // 2)
    consumers = max(1, args.processes - producers)
    queue = mp.Queue()
    phase = mp.RawValue("i", WAITING)
    sent = mp.RawArray("q", producers)
    received = mp.RawArray("q", consumers)
    done = mp.Value("i", 0)
    barrier = mp.Barrier(producers + consumers + 1)
    results = mp.Queue()
    run_seconds = args.warmup + args.duration
    workers = [mp.Process(target=_queue_producer, daemon=True,
                          args=(queue, i, consumers, size, phase, barrier, sent, received, done, results,
                                args.timeout, run_seconds))
               for i in range(producers)]
    workers += [mp.Process(target=_queue_consumer, daemon=True,
                           args=(queue, i, producers, consumers, size, phase, barrier, received, done, results,
                                 args.timeout, run_seconds))
                for i in range(consumers)]
    reports = _run_phases(workers, barrier, phase, results, args)
    queue.cancel_join_thread()
    total_sent = sum(r[2] for r in reports if r[0] == "producer")
    taken = [r for r in reports if r[0] == "consumer"]
    total_received = sum(r[2] for r in taken)
    if total_received > total_sent:
        print("received %d messages, only %d were sent" % (total_received, total_sent), file=sys.stderr)
        return 1
    ops_per_second = sum(r[3] * 1e9 / r[4] for r in taken)
    print("RESULT scenario=%s processes=%d producers=%d consumers=%d message_bytes=%d start_method=%s python=%s "
          "ops_per_second=%.1f measured_ops=%d total_ops=%d sent=%d" %
          (args.scenario, producers + consumers, producers, consumers, size, mp.get_start_method(),
           sys.version.split()[0], ops_per_second, sum(r[3] for r in taken), total_received, total_sent))
    return 0


def _empty(value):
    """The empty task: returns its input."""
    return value


def heavy_task(n):
    """The seed article's CPU-bound task."""
    s = 0
    for i in range(1, n):
        s += math.sqrt(i)
    return s


def _percentile(sorted_values, percentile):
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, int(math.ceil(percentile / 100.0 * len(sorted_values))) - 1))
    return sorted_values[rank]


def _pool_main(args):
    started = time.perf_counter()
    with mp.Pool(args.processes) as pool:
        pool.apply(_empty, (None,))
        start_seconds = time.perf_counter() - started
        common = "scenario=%s processes=%d start_method=%s python=%s pool_start_seconds=%.4f" % (
            args.scenario, args.processes, mp.get_start_method(), sys.version.split()[0], start_seconds)
        if args.scenario == "pool_apply":
            end = time.perf_counter() + args.warmup
            while time.perf_counter() < end:
                pool.apply_async(_empty, (None,)).get(args.timeout)
            latencies = []
            begin = time.perf_counter_ns()
            end = begin + int(args.duration * 1e9)
            now = begin
            while now < end:
                pool.apply_async(_empty, (None,)).get(args.timeout)
                later = time.perf_counter_ns()
                latencies.append(later - now)
                now = later
            latencies.sort()
            print("RESULT %s ops_per_second=%.1f measured_ops=%d p50_us=%.2f p99_us=%.2f" % (
                common, len(latencies) * 1e9 / (now - begin), len(latencies),
                _percentile(latencies, 50) / 1e3, _percentile(latencies, 99) / 1e3))
        elif args.scenario == "pool_map":
            inputs = [None] * args.tasks
            chunksize = args.chunksize if args.chunksize > 0 else None
            end = time.perf_counter() + args.warmup
            while time.perf_counter() < end:
                pool.map(_empty, inputs, chunksize)
            calls = 0
            begin = time.perf_counter()
            while True:
                results = pool.map(_empty, inputs, chunksize)
                if len(results) != len(inputs) or any(r is not None for r in results):
                    raise RuntimeError("map returned %d results, expected %d None" % (len(results), len(inputs)))
                calls += 1
                elapsed = time.perf_counter() - begin
                if elapsed >= args.duration:
                    break
            print("RESULT %s tasks=%d chunksize=%s ops_per_second=%.1f measured_ops=%d" % (
                common, args.tasks, chunksize or "default", calls * args.tasks / elapsed, calls * args.tasks))
        else:
            nums = [args.n] * args.tasks
            sequential_times, parallel_times = [], []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                expected = [heavy_task(n) for n in nums]
                sequential_times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                actual = pool.map(heavy_task, nums)
                parallel_times.append(time.perf_counter() - t0)
                if actual != expected:
                    raise RuntimeError("the pool's results %r differ from the sequential ones %r" % (actual, expected))
            sequential = sorted(sequential_times)[(args.rounds - 1) // 2]
            parallel = sorted(parallel_times)[(args.rounds - 1) // 2]
            print("RESULT %s tasks=%d n=%d rounds=%d sequential_seconds=%.4f parallel_seconds=%.4f speedup=%.3f "
                  "ops_per_second=%.3f measured_ops=%d" % (
                      common, args.tasks, args.n, args.rounds, sequential, parallel, sequential / parallel,
                      args.tasks / parallel, args.tasks))
    return 0


def _barrier_party(barrier, index, warmup, count, results, timeout):
    for _ in range(warmup):
        barrier.wait(timeout)
    begin = time.perf_counter_ns()
    for _ in range(count):
        barrier.wait(timeout)
    results.put((index, time.perf_counter_ns() - begin))


def _condition_side(cond, turn, me, warmup, count, results, timeout):
    other = 1 - me

    def turns(n):
        for _ in range(n):
            with cond:
                while turn.value != me:
                    if not cond.wait(timeout):
                        raise RuntimeError("side %d: no turn within %s s" % (me, timeout))
                turn.value = other
                cond.notify()

    turns(warmup)
    begin = time.perf_counter_ns()
    turns(count)
    results.put((me, time.perf_counter_ns() - begin))


def _sync_main(args):
    """barrier: N processes through --round-trips generations of one Barrier(N); condition: 2 processes take
    turns on a Condition (a round trip is one turn of each). Timed in each process after --warmup-round-trips;
    the slowest process's time gives round trips per second."""
    results = mp.Queue()
    if args.scenario == "barrier":
        barrier = mp.Barrier(args.processes)
        workers = [mp.Process(target=_barrier_party, daemon=True,
                              args=(barrier, i, args.warmup_round_trips, args.round_trips, results, args.timeout))
                   for i in range(args.processes)]
    else:
        cond = mp.Condition()
        turn = mp.RawValue("i", 0)
        workers = [mp.Process(target=_condition_side, daemon=True,
                              args=(cond, turn, me, args.warmup_round_trips, args.round_trips, results,
                                    args.timeout))
                   for me in (0, 1)]
    for w in workers:
        w.start()
    try:
        reports = [results.get(timeout=args.timeout) for _ in workers]
        for w in workers:
            w.join(args.timeout)
            if w.exitcode != 0:
                raise RuntimeError("worker pid %s exited with %s" % (w.pid, w.exitcode))
    finally:
        for w in workers:
            if w.is_alive():
                w.kill()
                w.join(5)
    slowest = max(r[1] for r in reports)
    print("RESULT scenario=%s processes=%d start_method=%s python=%s round_trips_per_second=%.1f round_trips=%d"
          % (args.scenario, len(workers), mp.get_start_method(), sys.version.split()[0],
             args.round_trips * 1e9 / slowest, args.round_trips))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=LOCK_SCENARIOS + list(QUEUE_MESSAGE_BYTES) + POOL_SCENARIOS +
                        SYNC_SCENARIOS + list(DICT_VALUE_BYTES),
                        required=True)
    parser.add_argument("--processes", type=int, default=2, help="processes (pool: workers)")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for start-up and stop")
    parser.add_argument("--handoffs", action="store_true",
                        help="value_lock, semaphore: also count handoffs (acquisitions by another process than "
                             "the previous holder), at the cost of a shared read in every critical section")
    parser.add_argument("--tasks", type=int, default=1000, help="pool_map: inputs per map call; heavy: inputs")
    parser.add_argument("--chunksize", type=int, default=0, help="pool_map: chunksize (0: Pool.map's default)")
    parser.add_argument("--n", type=int, default=2000000, help="heavy: heavy_task's argument")
    parser.add_argument("--rounds", type=int, default=3, help="heavy: rounds (the median is printed)")
    parser.add_argument("--round-trips", type=int, default=10000, help="barrier, condition: timed round trips")
    parser.add_argument("--warmup-round-trips", type=int, default=1000,
                        help="barrier, condition: round trips before timing")
    args = parser.parse_args()
    if args.processes < 1 or args.duration <= 0 or args.warmup < 0 or args.tasks < 1 or args.n < 1 or \
            args.rounds < 1 or args.chunksize < 0:
        parser.error("expected --processes >= 1, --duration > 0, --warmup >= 0, --tasks >= 1, --n >= 1, "
                     "--rounds >= 1, --chunksize >= 0")
    if args.scenario in QUEUE_MESSAGE_BYTES:
        return _queue_main(args)
    if args.scenario in POOL_SCENARIOS:
        return _pool_main(args)
    if args.scenario in SYNC_SCENARIOS:
        return _sync_main(args)
    if args.scenario in DICT_VALUE_BYTES:
        with mp.Manager() as manager:
            return _lock_main(args, manager.dict())
    return _lock_main(args)


if __name__ == "__main__":
    sys.exit(main())
