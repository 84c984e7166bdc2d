"""Small timing helpers shared by the benchmarks: medians of repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    """The median wall time of work() over several runs, after a warm-up."""
    for _ in range(warmup):
        work()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def ratio_line(name: str, ours: float, floor: float, target: float) -> str:
    """One result line: both times, the ratio and whether it meets the target."""
    ratio = ours / floor if floor else float("inf")
    verdict = "meets" if ratio <= target else "MISSES"
    return (f"{name}: ours {ours * 1000:.2f} ms, floor {floor * 1000:.2f} ms, "
            f"ratio {ratio:.2f}x ({verdict} target {target}x)")
