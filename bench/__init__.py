"""Benchmarks of the screener (not timed tests): run `.venv/bin/python -m bench.run`."""
