"""Benchmarks printed by ``make bench``: each figure beside what it is measured against."""
