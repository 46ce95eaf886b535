"""Benchmarks for netralitas: `python benchmarks/run.py` (see README.md here)."""
