"""Turn latency over HTTP with many learners at once: the whole server path (sign-in cookie,
Gradio queue, role checks, rating, scripted partner, database, checkpoints) as a browser meets it.

Simulated learners sign in, start a session, then send turns with a think time between them
(people read the reply and type). Afterwards every session is reopened over HTTP and the
learner turns it holds are counted against the turns sent: `lost_turns` must be 0.
Run: `rehearse bench turns --sessions 50 --turns 8 --json` (or `--url URL --user U --password P`)."""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from feedback.labelled_data import load_labelled
from feedback.training import training_files
from simulator.research.dry_run import dry_run_environment
from simulator.web.api_client import AsyncAppClient, CallFailed
from simulator.web.process import AppProcess, free_port

SCENARIOS = ("roommate-dishes", "sister-loan", "friend-concert-money", "manager-finish-time")
UNANSWERED_SURVEY = [None] * 8
BENCH_PASSWORD = "bench-password-not-secret"


@dataclass
class LearnerRun:
    session_id: str | None = None
    sent: int = 0
    stored: int | None = None
    error: str | None = None


def learner_turns_in(chat: list[dict[str, Any]]) -> int:
    return sum(1 for message in chat if message.get("role") == "user")


async def simulated_learner(
    url: str,
    username: str,
    password: str,
    scenario: str,
    lines: list[str],
    turns: int,
    think_s: float,
    ramp_s: float,
    rng: random.Random,
    latencies: list[float],
) -> LearnerRun:
    run = LearnerRun()
    client = AsyncAppClient(url)
    try:
        await asyncio.sleep(rng.uniform(0, ramp_s))  # a class signs in over a minute or so, not all at once
        await client.sign_in(username, password)
        started = await client.call("start", scenario, "", *UNANSWERED_SURVEY)
        run.session_id = started[0]
        for text in lines[:turns]:
            await asyncio.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
            begin = time.perf_counter()
            result = await client.call("send", run.session_id, text)
            latencies.append((time.perf_counter() - begin) * 1000)
            run.sent += 1
            phase = result[6]
            if phase in ("ended", "crisis") or "Session ended" in str(result[5]):
                break
            if phase == "paused":  # the crisis check asked; a benchmark learner is only role-playing
                await client.call("carry_on", run.session_id)
        reopened = await client.call("open_session", run.session_id)
        run.stored = learner_turns_in(reopened[1])
    except (TimeoutError, CallFailed, OSError) as error:
        run.error = str(error)
    finally:
        await client.aclose()
    return run


async def drive(
    url: str,
    credentials: list[tuple[str, str]],
    sessions: int,
    turns: int,
    think_s: float,
    seed: int,
    ramp_s: float = 0.0,
) -> dict[str, Any]:
    utterances = [row.utterance for row in load_labelled(training_files()[0])]
    rng = random.Random(seed)
    latencies: list[float] = []
    jobs = []
    for number in range(sessions):
        username, password = credentials[number % len(credentials)]
        lines = rng.sample(utterances, turns)
        jobs.append(
            simulated_learner(
                url,
                username,
                password,
                SCENARIOS[number % len(SCENARIOS)],
                lines,
                turns,
                think_s,
                ramp_s,
                random.Random(rng.random()),
                latencies,
            )
        )
    began = time.perf_counter()
    runs = await asyncio.gather(*jobs)
    elapsed = time.perf_counter() - began
    sent = sum(run.sent for run in runs)
    lost = sum(max(run.sent - (run.stored or 0), 0) for run in runs)
    errors = [run.error for run in runs if run.error]
    values = np.array(latencies) if latencies else np.array([float("nan")])
    return {
        "sessions": sessions,
        "turns": sent,
        "p50_ms": round(float(np.percentile(values, 50)), 1),
        "p95_ms": round(float(np.percentile(values, 95)), 1),
        "max_ms": round(float(values.max()), 1),
        "lost_turns": lost,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "think_s": think_s,
        "ramp_s": ramp_s,
        "wall_s": round(elapsed, 1),
        "turns_per_s": round(sent / elapsed, 2),
    }


def create_bench_accounts(data_dir: Path, count: int) -> list[tuple[str, str]]:
    from simulator.settings import Settings
    from simulator.web.accounts import Role, accounts_on

    settings = Settings(data_dir=data_dir, database_url=None)  # the benchmark's own record, never the live one
    settings.ensure_dirs()
    accounts = accounts_on(settings.resolved_database_url)
    names = [f"bench-learner-{n:03d}" for n in range(count)]
    for name in names:
        accounts.create(name, Role.learner, BENCH_PASSWORD)
    return [(name, BENCH_PASSWORD) for name in names]


def run_http_turns(
    sessions: int,
    turns: int,
    think_s: float,
    cache_dir: Path,
    url: str | None = None,
    user: str | None = None,
    password: str | None = None,
    seed: int = 7,
    ramp_s: float = 0.0,
) -> dict[str, Any]:
    if url:
        if not (user and password):
            raise ValueError("with --url give --user and --password of a learner account on that server")
        return asyncio.run(drive(url, [(user, password)], sessions, turns, think_s, seed, ramp_s))
    with tempfile.TemporaryDirectory(prefix="rehearse-bench-") as folder:
        data_dir = Path(folder) / "data"
        credentials = create_bench_accounts(data_dir, sessions)
        env = {
            **dry_run_environment(data_dir),
            "REHEARSE_CACHE_DIR": str(cache_dir),
            "REHEARSE_PARTNER": "scripted",
            "REHEARSE_RATER": "knn",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
        }
        app = AppProcess(env, free_port(), Path(folder) / "app.log")
        app.start()
        try:
            cpu_before = app.cpu_s() or 0.0
            result = asyncio.run(drive(app.url, credentials, sessions, turns, think_s, seed, ramp_s))
            result["server_rss_mib"] = round(app.resident_mib() or 0, 1)
            server_cpu_s = (app.cpu_s() or 0.0) - cpu_before  # sign-ins, starts and reopenings included
            result["server_cpu_s"] = round(server_cpu_s, 1)
            result["server_cpu_s_per_turn"] = round(server_cpu_s / max(result["turns"], 1), 3)
        finally:
            app.stop()
        return result
