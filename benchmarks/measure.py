"""Small timing and memory helpers shared by the benchmarks."""

import gc
import statistics
import time
from collections.abc import Callable

from . import latency


def rss_mb() -> float:
    """Resident memory of this process in MiB, from /proc."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def median_ms(
    function: Callable[[object], object],
    items: list,
    budget_s: float = 30.0,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, int]:
    """Median milliseconds of ``function`` over ``items``, stopping after ``budget_s`` seconds.

    ``clock=time.thread_time`` counts only this thread's processor time: on a machine shared
    with other work, wall time mostly measures the others.
    """
    gc.collect()
    times, began = [], time.perf_counter()
    for item in items:
        start = clock()
        function(item)
        times.append((clock() - start) * 1000)
        if time.perf_counter() - began > budget_s:
            break
    return statistics.median(times), len(times)


class Table:
    """Rows of: figure, value, compared with, its value, ratio, goal, verdict."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str, str]] = []
        self.latencies: list = []  # (figure, latency.Percentiles)
        self.histograms: list = []

    def add_latency(self, figure: str, measured, *, histogram: bool = False) -> None:
        """p50, p90, p99 and p99.9 of a wrk run (``http.Load``), printed below the table."""
        if measured.percentiles is not None:
            self.latencies.append((figure, measured.percentiles))
            if histogram:
                self.histograms.append((figure, measured.percentiles))

    def add(
        self,
        figure: str,
        value: float,
        unit: str,
        against: str = "",
        other: float | None = None,
        goal: str = "",
        ok: bool | None = None,
        ratio: float | None = None,
    ) -> None:
        if ratio is None and other:
            ratio = other / value if value else float("inf")
        self.rows.append(
            (
                figure,
                f"{value:,.2f} {unit}".strip(),
                against,
                f"{other:,.2f} {unit}".strip() if other is not None else "",
                f"{ratio:,.2f}x" if ratio is not None else "",
                goal,
                "" if ok is None else ("met" if ok else "MISSED"),
            )
        )

    def render(self) -> str:
        header = ("figure", "value", "compared with", "its value", "ratio", "goal", "")
        widths = [max(len(str(r[i])) for r in [header, *self.rows]) for i in range(len(header))]
        lines = [" | ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True))]
        lines.append("-+-".join("-" * w for w in widths))
        lines += [
            " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in self.rows
        ]
        if self.latencies:
            lines += ["", latency.render_rows(self.latencies)]
        lines += ["\n" + latency.render_histogram(*each) for each in self.histograms]
        return "\n".join(lines)
