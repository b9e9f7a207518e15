"""Benchmarks: speed and memory measured here, never in timed tests."""
