"""The benchmark's latency report: wrk's Lua hook output read back, and the histogram drawn."""

from benchmarks import latency
from benchmarks.measure import Table

WRK_OUTPUT = """Running 8s test @ http://127.0.0.1:8000/articles/benchmark-story/
Requests/sec:    412.50
latency-percentiles 2150 4800 31000 120500
latency-histogram 3 1200 2100 300 80 20 9 2 0 0 0
"""


def test_percentiles_and_histogram_are_read_from_the_hooks_lines():
    measured = latency.read(WRK_OUTPUT)

    assert (measured.p50_ms, measured.p90_ms, measured.p99_ms, measured.p999_ms) == (
        2.15,
        4.8,
        31.0,
        120.5,
    )
    assert measured.histogram == (3, 1200, 2100, 300, 80, 20, 9, 2, 0, 0, 0)
    assert len(measured.histogram) == len(latency.EDGES_MS) + 1


def test_output_without_the_hooks_lines_gives_no_percentiles():
    assert latency.read("Requests/sec: 10.0\n") is None


def test_the_hook_bins_by_the_same_edges_it_is_read_with():
    assert "{1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000}" in (
        latency.DONE
    )


def test_the_table_prints_each_figures_percentiles_and_the_story_pages_histogram():
    class Measured:
        percentiles = latency.read(WRK_OUTPUT)

    table = Table()
    table.add("story page", 412.5, "req/s")
    table.add_latency("story page, at 70% of peak", Measured, histogram=True)

    text = table.render()

    assert "story page, at 70% of peak | 2.15 ms | 4.80 ms | 31.00 ms | 120.50 ms | 14.4x" in text
    assert "story page, at 70% of peak: latency histogram (3,714 requests)" in text
    assert "   1-2 ms |    1,200  32.31% " in text
    assert ">= 1000 ms |        0   0.00%" in text
