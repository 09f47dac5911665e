#!/usr/bin/env python3
"""CPython references for scripts/bench, timed like `timeit` (best of repeats).

Prints one JSON object on stdout:
  serial_list_3000_ms  [math.factorial(k) for k in range(1, 3001)]
  single_100000_ms     math.factorial(100000)
  factorial_100_ms     math.factorial(100) (the tutorial's "one factorial(100)")
  serial_loop_100_ms   [math.factorial(k) for k in range(1, 101)]
  pool2_map_100_ms     a warm Pool(2).map(math.factorial, range(1, 101))
  pool2_startup_ms     creating that Pool(2) (what the tutorial paid in every timing)
  pool2_map_3000_chunk1_ms  a warm Pool(2).map(math.factorial, range(1, 3001), chunksize=1):
                       CPython's own cost of one message per task (against serial_list_3000_ms)
  pool2_first_map_ms / pool50_first_map_ms  Pool(k) created until its first
                       map(math.factorial, range(1, 101)) returns: a pool ready for work
  gmp_single_100000_ms / gmp_serial_list_3000_ms  GMP through gmpy2, if installed

With --pool-map-100, only pool2_map_100_ms.
With --sweep 10,30,100 (bench/sweep.mjs): per n, serial_ms, pool2_map_ms and
pool2_apply_async_ms on a warm Pool(2), and pool2_startup_ms (creating the
pool, what the tutorial paid in every timed function).
"""

import json
import math
import multiprocessing
import platform
import sys
import time
import timeit


def best_ms(stmt, number=1, repeat=5):
    """Best of `repeat` timings of `number` calls, per call, in ms."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number * 1000.0


def pool_map_100_only(repeat):
    """Only the warm Pool(2).map of n=100: scripts/bench takes it again beside
    each browser's warm runs, so the ratio's two sides share a moment of a
    noisy machine."""
    with multiprocessing.Pool(2) as pool:
        pool.map(math.factorial, range(1, 101))
        return {"pool2_map_100_ms": best_ms(lambda: pool.map(math.factorial, range(1, 101)), number=20, repeat=repeat)}


def sweep(sizes, repeat):
    """The lesson's sweep: serial and a warm Pool(2) per n, and the pool's start-up."""
    started = time.perf_counter()
    points = []
    with multiprocessing.Pool(2) as pool:
        startup_ms = (time.perf_counter() - started) * 1000.0
        for n in sizes:
            inputs = range(1, n + 1)
            # Short runs are timed in loops, as timeit does, so the clock's step does not decide.
            number = max(1, int(2000 / n))
            pool.map(math.factorial, inputs)
            points.append({
                "n": n,
                "serial_ms": best_ms(lambda: [math.factorial(k) for k in inputs], number=number, repeat=repeat),
                "pool2_map_ms": best_ms(lambda: pool.map(math.factorial, inputs), number=number, repeat=repeat),
                "pool2_apply_async_ms": best_ms(
                    lambda: [r.get() for r in [pool.apply_async(math.factorial, (k,)) for k in inputs]],
                    number=number, repeat=repeat),
            })
    return {"python": platform.python_version(), "pool2_startup_ms": startup_ms, "points": points}


def main():
    quick = "--quick" in sys.argv
    if "--sweep" in sys.argv:
        sizes = [int(n) for n in sys.argv[sys.argv.index("--sweep") + 1].split(",")]
        json.dump(sweep(sizes, 3 if quick else 5), sys.stdout)
        print()
        return
    repeat = 3 if quick else 5
    if "--pool-map-100" in sys.argv:
        json.dump(pool_map_100_only(repeat), sys.stdout)
        print()
        return
    out = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "serial_list_3000_ms": best_ms(lambda: [math.factorial(k) for k in range(1, 3001)], repeat=repeat),
        "single_100000_ms": best_ms(lambda: math.factorial(100000), repeat=repeat),
        "factorial_100_ms": best_ms(lambda: math.factorial(100), number=10000, repeat=repeat),
        "serial_loop_100_ms": best_ms(lambda: [math.factorial(k) for k in range(1, 101)], number=200, repeat=repeat),
    }
    started = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        out["pool2_startup_ms"] = (time.perf_counter() - started) * 1000.0
        pool.map(math.factorial, range(1, 101))  # warm: workers up, code paths hot
        out["pool2_map_100_ms"] = best_ms(lambda: pool.map(math.factorial, range(1, 101)), number=20, repeat=repeat)
        out["pool2_map_3000_chunk1_ms"] = best_ms(
            lambda: pool.map(math.factorial, range(1, 3001), chunksize=1), repeat=repeat)
    for k in (2, 50):
        started = time.perf_counter()
        with multiprocessing.Pool(k) as pool:
            pool.map(math.factorial, range(1, 101))
            out[f"pool{k}_first_map_ms"] = (time.perf_counter() - started) * 1000.0
    try:
        import gmpy2  # optional: GMP's factorial, the native state of the art
    except ImportError:
        out["gmp"] = "not installed (pip install gmpy2 to measure GMP)"
    else:
        out["gmp"] = f"gmpy2 {gmpy2.version()} ({gmpy2.mp_version()})"
        out["gmp_single_100000_ms"] = best_ms(lambda: gmpy2.fac(100000), repeat=repeat)
        out["gmp_serial_list_3000_ms"] = best_ms(lambda: [gmpy2.fac(k) for k in range(1, 3001)], repeat=repeat)
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
