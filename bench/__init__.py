"""Benchmarks and the load test (not part of the test suite): see docs/performance.md."""
