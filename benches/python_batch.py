"""Python: mediavet.check_many (native threads) against a loop of mediavet.check.

Usage: python benches/python_batch.py DIR [RUNS]; prints medians and the ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Callable, List

import mediavet


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()
    times: List[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(folder: str, runs: int) -> None:
    paths = sorted(Path(folder).iterdir())
    loop = median_seconds(lambda: [mediavet.check(p) for p in paths], runs)
    many1 = median_seconds(lambda: mediavet.check_many(paths, jobs=1), runs)
    many2 = median_seconds(lambda: mediavet.check_many(paths, jobs=2), runs)
    n = len(paths)
    print(f"Python, {n} files: loop of check {loop*1000:.1f} ms, check_many jobs=1 {many1*1000:.1f} ms, "
          f"jobs=2 {many2*1000:.1f} ms; check_many(jobs=2) is {loop/many2:.2f}x the loop")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
