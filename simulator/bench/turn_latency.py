"""Turn latency of the scripted path, in process: safety + rating (knn, every skill in play) +
coach + partner state + scripted reply + database writes + checkpoints, per learner turn.
Run: `rehearse bench loop [--sessions N] [--turns T] [--json]`."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from feedback.labelled_data import load_labelled
from feedback.training import training_files
from simulator.bootstrap import bootstrap
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.research.dry_run import dry_run_settings
from simulator.runtime import TurnResult
from simulator.settings import Settings

SCENARIOS = ("roommate-dishes", "sister-loan", "friend-concert-money", "manager-finish-time")


def run_turn_benchmark(cache_dir: Path, sessions: int = 20, turns: int = 8) -> dict[str, Any]:
    utterances = [row.utterance for row in load_labelled(training_files()[0])]
    with tempfile.TemporaryDirectory() as folder:
        settings = dry_run_settings(Path(folder), Settings(REHEARSE_CACHE_DIR=cache_dir))  # never the live record
        rehearsal = bootstrap(settings, partner=ScriptedPartner())
        latencies, completed, cursor = [], 0, 0
        warm = rehearsal.start(SCENARIOS[0]).session_id
        for text in utterances[:5]:
            list(rehearsal.send(warm, text))
        for number in range(sessions):
            session = rehearsal.start(SCENARIOS[number % len(SCENARIOS)]).session_id
            for _ in range(turns):
                text = utterances[cursor % len(utterances)]
                cursor += 1
                start = time.perf_counter()
                result = list(rehearsal.send(session, text))[-1]
                latencies.append((time.perf_counter() - start) * 1000)
                completed += isinstance(result, TurnResult)
                if isinstance(result, TurnResult) and result.outcome:
                    break
        stored = sum(len(rehearsal.store.turns(s.id)) for s in rehearsal.store.sessions()) - 5
    return {
        "turns": len(latencies),
        "completed": completed,
        "stored": stored,
        "p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "p95_ms": round(float(np.percentile(latencies, 95)), 2),
        "max_ms": round(float(np.max(latencies)), 2),
    }
