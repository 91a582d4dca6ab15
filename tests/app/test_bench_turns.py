"""`rehearse bench turns` starts its own app, drives it over HTTP and checks nothing was lost."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.processes import BIN, REPO, rehearse_env

pytestmark = pytest.mark.slow


def test_bench_turns_reports_latency_and_finds_every_turn_stored(tmp_path, vector_cache):
    result = subprocess.run(
        [str(BIN / "rehearse"), "bench", "turns", "--sessions", "4", "--turns", "3", "--think-s", "0.2", "--json"],
        cwd=REPO,
        env=rehearse_env(tmp_path / "data", vector_cache),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert {"sessions", "turns", "p50_ms", "p95_ms", "lost_turns"} <= set(report)
    assert report["sessions"] == 4 and 4 <= report["turns"] <= 12
    assert report["lost_turns"] == 0 and report["errors"] == 0
    assert 0 < report["p50_ms"] <= report["p95_ms"]
