#!/usr/bin/env python3
"""Python multiprocessing baselines for the shm cross-process runner (shm-bench, issue 6).

Measures what Python users would use for the same job, with N processes on one machine:

  value_lock  `with value.get_lock(): value.value += 1` on a `multiprocessing.Value('q')`
  semaphore   `sem.acquire(); sem.release()` pairs on a `multiprocessing.Semaphore(1)`

Same protocol as the JVM runner: the workers start, report ready, run a warm-up, then count operations in a
measurement window that the parent opens and closes through a shared phase word (checked every 64 operations).
Each worker measures its own window; the rate printed is the sum of the workers' rates. The final value of the
counter is checked against the operations performed (exit status 1 if an increment was lost).

Prints one line for the runner to parse:
  RESULT scenario=value_lock processes=2 start_method=fork ops_per_second=123456.7 measured_ops=... total_ops=...

Run by hand:  python3 mp_baseline.py --scenario value_lock --processes 2 --warmup 1 --duration 3
"""
import argparse
import multiprocessing as mp
import sys
import time

WAITING, WARMUP, MEASURE, STOP = 0, 1, 2, 3
BATCH = 64


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


def _check(deadline, index):
    if time.monotonic() > deadline:
        raise RuntimeError("worker %d: the run was not stopped in time (has the parent died?)" % index)


def _worker(scenario, shared, holder, phase, barrier, results, index, timeout, run_seconds):
    handoffs = None if holder is None else _Handoffs(holder, index + 1)
    op = _value_lock_op(shared, handoffs) if scenario == "value_lock" else _semaphore_op(shared, handoffs)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=["value_lock", "semaphore"], required=True)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for start-up and stop")
    parser.add_argument("--handoffs", action="store_true",
                        help="also count handoffs (acquisitions by another process than the previous holder), "
                             "at the cost of a shared read in every critical section")
    args = parser.parse_args()
    if args.processes < 1 or args.duration <= 0 or args.warmup < 0:
        parser.error("expected --processes >= 1, --duration > 0, --warmup >= 0")

    if args.scenario == "value_lock":
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
    finally:
        for w in workers:
            if w.is_alive():
                w.kill()
                w.join(5)

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


if __name__ == "__main__":
    sys.exit(main())
