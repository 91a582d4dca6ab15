"""`rehearse bench`: speed and memory benchmarks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from simulator.cli.common import (
    _fail,
    _settings,
)

bench_app = typer.Typer(no_args_is_help=True, help="Benchmarks of speed and memory.")


def _report_bench(result: dict[str, Any], as_json: bool, summary: str) -> None:
    typer.echo(json.dumps(result, indent=2) if as_json else summary)


def _latency(result: dict[str, Any]) -> str:
    return f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.1f} ms"


@bench_app.command("rater")
def bench_rater(
    data: Annotated[
        Path | None, typer.Option(help="Labelled JSONL whose utterances are rated; default: our training turns.")
    ] = None,
    rounds: Annotated[int, typer.Option(help="How many times each utterance is rated.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Load time and per-utterance latency of the knn rater, all seven DEAR MAN skills at once."""
    from simulator.bench.rater_latency import run_rater_benchmark

    settings = _settings()
    settings.ensure_dirs()
    result = run_rater_benchmark(settings.cache_dir, data, rounds)
    _report_bench(
        result,
        as_json,
        f"engine {result['engine']}: load {result['load_s']:.2f} s; {result['ratings']} "
        f"ratings of {result['utterances']} utterances; latency {_latency(result)}",
    )


@bench_app.command("loop")
def bench_loop(
    sessions: Annotated[int, typer.Option(help="Sessions to play.")] = 20,
    turns: Annotated[int, typer.Option(help="Learner turns per session (fewer if a session ends).")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Turn latency of the scripted path in process: rating, coach, partner, database writes."""
    from simulator.bench.turn_latency import run_turn_benchmark

    settings = _settings()
    settings.ensure_dirs()
    result = run_turn_benchmark(settings.cache_dir, sessions, turns)
    _report_bench(result, as_json, f"{result['turns']} turns ({result['stored']} stored): {_latency(result)}")


@bench_app.command("turns")
def bench_turns(
    sessions: Annotated[int, typer.Option(help="Simulated learners, each in their own session, all at once.")] = 50,
    turns: Annotated[int, typer.Option(help="Learner turns per session (fewer if a session ends).")] = 8,
    think_s: Annotated[
        float,
        typer.Option("--think-s", help="Mean pause before each turn: reading the reply and the feedback, then typing."),
    ] = 20.0,
    ramp_s: Annotated[float, typer.Option("--ramp-s", help="Learners arrive spread over this many seconds.")] = 30.0,
    url: Annotated[str | None, typer.Option(help="A running app; default: start one on a free port.")] = None,
    user: Annotated[str | None, typer.Option(help="With --url: a learner account on that server.")] = None,
    password: Annotated[
        str | None, typer.Option(envvar="REHEARSE_BENCH_PASSWORD", help="With --url: its password.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Turn latency over HTTP with many learners at once, and a check that no turn sent was lost."""
    from simulator.bench.http_turns import run_http_turns

    settings = _settings()
    settings.ensure_dirs()
    try:
        result = run_http_turns(sessions, turns, think_s, settings.cache_dir, url, user, password, ramp_s=ramp_s)
    except ValueError as error:
        _fail(str(error))
    _report_bench(
        result,
        as_json,
        f"{result['sessions']} sessions, {result['turns']} turns over HTTP: "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, lost {result['lost_turns']}, "
        f"errors {result['errors']}",
    )
    if result["lost_turns"] or result["errors"]:
        raise typer.Exit(1)


@bench_app.command("export")
def bench_export(
    sessions: Annotated[int, typer.Option(help="Sessions in the generated record.")] = 10_000,
    turns: Annotated[int, typer.Option(help="Turns per session.")] = 10,
    format: Annotated[str, typer.Option(help="csv, parquet or jsonl.")] = "csv",
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Time an export of a generated record of SESSIONS x TURNS (7 ratings a turn)."""
    from simulator.bench.export_speed import run_export_benchmark

    result = run_export_benchmark(sessions, turns, format)
    _report_bench(
        result,
        as_json,
        f"{sessions} sessions x {turns} turns ({result['rows']['ratings']} ratings): export "
        f"{result['export_s']} s as {format} (generating the record took {result['fill_s']} s)",
    )
