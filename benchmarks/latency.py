"""Latency percentiles and a histogram for every wrk run, read from wrk's own record of each
request's latency through its Lua ``done`` hook (wrk's text report stops at p99)."""

import itertools
import re
from dataclasses import dataclass

# Upper edges of the histogram's bins, in milliseconds; the last bin is everything slower.
EDGES_MS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)

DONE = (
    """
function done(summary, latency, requests)
  io.write(string.format("latency-percentiles %d %d %d %d\\n", latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
  local edges = {"""
    + ", ".join(str(ms * 1000) for ms in EDGES_MS)
    + """}
  local counts = {}
  for b = 1, #edges + 1 do counts[b] = 0 end
  for i = 1, #latency do
    local value, count = latency(i)
    local b = 1
    while b <= #edges and value >= edges[b] do b = b + 1 end
    counts[b] = counts[b] + count
  end
  io.write("latency-histogram " .. table.concat(counts, " ") .. "\\n")
end
"""
)


@dataclass(frozen=True)
class Percentiles:
    p50_ms: float
    p90_ms: float
    p99_ms: float
    p999_ms: float
    histogram: tuple[int, ...]


def read(output: str) -> Percentiles | None:
    """The percentiles and histogram ``DONE`` printed, or ``None`` if wrk printed none."""
    found = re.search(r"^latency-percentiles (\d+) (\d+) (\d+) (\d+)$", output, re.M)
    bins = re.search(r"^latency-histogram ([\d ]+)$", output, re.M)
    if not found or not bins:
        return None
    p50, p90, p99, p999 = (int(us) / 1000 for us in found.groups())
    return Percentiles(p50, p90, p99, p999, tuple(int(n) for n in bins.group(1).split()))


def render_rows(rows: list[tuple[str, Percentiles]]) -> str:
    header = ("latency", "p50", "p90", "p99", "p99.9", "p99 / p50")
    lines = [header] + [
        (
            figure,
            *(f"{ms:,.2f} ms" for ms in (p.p50_ms, p.p90_ms, p.p99_ms, p.p999_ms)),
            f"{p.p99_ms / p.p50_ms:,.1f}x" if p.p50_ms else "",
        )
        for figure, p in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    text.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(text)


def render_histogram(figure: str, p: Percentiles) -> str:
    total = sum(p.histogram) or 1
    labels = [f"< {EDGES_MS[0]} ms"]
    labels += [f"{low}-{high} ms" for low, high in itertools.pairwise(EDGES_MS)]
    labels.append(f">= {EDGES_MS[-1]} ms")
    width = max(len(label) for label in labels)
    lines = [f"{figure}: latency histogram ({sum(p.histogram):,} requests)"]
    for label, count in zip(labels, p.histogram, strict=True):
        bar = "#" * round(50 * count / total)
        lines.append(f"  {label.rjust(width)} | {count:>8,} {100 * count / total:6.2f}% {bar}")
    return "\n".join(lines)
