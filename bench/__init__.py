"""Benchmarks of the screener (not timed tests): run `.venv/bin/python bench/run.py`."""
