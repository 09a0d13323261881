"""Benchmarks, run with `make bench`: each prints its figures; nothing here is a pass/fail test."""
