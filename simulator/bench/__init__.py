"""Benchmarks the `rehearse bench` commands run: rater and turn latency, turns over HTTP, export speed."""
