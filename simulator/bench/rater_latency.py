"""Rater speed: how long the knn rater takes to load, and to rate one utterance on every
DEAR MAN skill, measured after a warm-up. Run: `rehearse bench rater [--json]`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from feedback.labelled_data import load_labelled
from feedback.rating import RatingContext
from feedback.skills import DEAR_MAN_IDS
from feedback.training import training_files

WARMUP = 20


def run_rater_benchmark(cache_dir: Path, data: Path | None = None, rounds: int = 3) -> dict[str, Any]:
    started = time.perf_counter()
    from feedback.raters.knn import KnnRater

    rater = KnnRater(cache_dir=cache_dir)
    load_s = time.perf_counter() - started
    utterances = [row.utterance for row in load_labelled(data or training_files()[0])]
    context = RatingContext(skills=DEAR_MAN_IDS)
    for utterance in utterances[:WARMUP]:
        rater.rate(utterance, context)
    latencies = []
    for _ in range(rounds):
        for utterance in utterances:
            start = time.perf_counter()
            rater.rate(utterance, context)
            latencies.append((time.perf_counter() - start) * 1000)
    return {
        "engine": rater.encoder.engine,
        "load_s": round(load_s, 3),
        "utterances": len(utterances),
        "ratings": len(latencies),
        "p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "p95_ms": round(float(np.percentile(latencies, 95)), 2),
        "max_ms": round(float(np.max(latencies)), 2),
    }
