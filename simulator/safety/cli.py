"""`rehearse safety ...`: test the crisis check and the no-soothing guard on your own text."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

safety_app = typer.Typer(no_args_is_help=True, help="Test the crisis check and the no-soothing guard.")


class Check(StrEnum):
    CRISIS = "crisis"
    SOOTHING = "soothing"


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


@safety_app.command("check")
def check(
    text: Annotated[str, typer.Argument(help="A learner turn (crisis check) or coach text (guard).")],
    soothing: Annotated[bool, typer.Option("--soothing", help="Run the no-soothing guard instead.")] = False,
) -> None:
    """Print the verdict and why."""
    if soothing:
        from feedback.soothing.guard import assess

        for sentence, verdict in assess(text):
            typer.echo(f"{verdict.label:8} {sentence}")
            for reason in verdict.reasons:
                typer.echo(f"         - {reason}")
        return
    from simulator.safety.crisis import assess_risk

    assessment = assess_risk(text)
    typer.echo(assessment.verdict.value)
    for reason in assessment.reasons or ("nothing in this turn suggests risk",):
        typer.echo(f"- {reason}")


def _read_rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        _fail(f"{path} does not exist")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            _fail(f'{path}:{number} is not JSON ({error.msg}); write one object per line with a "text"')
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            _fail(f'{path}:{number} has no "text" string; write one object per line with a "text"')
        rows.append(row)
    return rows


def verdict_function(check: Check) -> Any:
    if check is Check.CRISIS:
        from simulator.safety.crisis import assess_risk

        return lambda text: assess_risk(text).verdict.value
    from feedback.soothing.guard import is_soothing

    return lambda text: "soothing" if is_soothing(text) else "ok"


@safety_app.command("eval")
def evaluate(
    data: Annotated[Path, typer.Argument(help='JSONL: one {"text": ..., "label": ...} a line.')],
    check: Annotated[Check, typer.Option("--check", help="Which check to run.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print verdicts and latency as JSON.")] = False,
) -> None:
    """Run a check over a file; with labels, print recall and false-positive rate."""
    rows = _read_rows(data)
    verdict_of = verdict_function(check)
    verdict_of("warm-up")  # loads the model, so the first row's latency is a turn's
    verdicts, latencies = [], []
    for row in rows:
        start = time.perf_counter()
        verdicts.append(verdict_of(row["text"]))
        latencies.append((time.perf_counter() - start) * 1000)
    latency = {
        "p50": round(float(np.percentile(latencies, 50)), 2) if latencies else 0.0,
        "p95": round(float(np.percentile(latencies, 95)), 2) if latencies else 0.0,
    }
    if as_json:
        typer.echo(json.dumps({"n": len(rows), "verdicts": verdicts, "latency_ms": latency}))
        return
    typer.echo(f"{len(rows)} texts; latency p50 {latency['p50']} ms, p95 {latency['p95']} ms")
    labels = [row.get("label") for row in rows]
    if not any(labels):
        counts = {v: verdicts.count(v) for v in dict.fromkeys(verdicts)}
        typer.echo("verdicts: " + ", ".join(f"{v} {n}" for v, n in counts.items()))
        return
    for line in rate_lines(check, [(label, verdict) for label, verdict in zip(labels, verdicts) if label]):
        typer.echo(line)


def rate_lines(check: Check, pairs: list[tuple[str, str]]) -> list[str]:
    """Recall and false-positive rate; for crisis: risk (crisis or check_in), then crisis only."""
    groups = (
        [("risk (crisis or check_in)", {"crisis", "check_in"}), ("crisis only", {"crisis"})]
        if check is Check.CRISIS
        else [("soothing", {"soothing"})]
    )
    lines = []
    for name, positive in groups:
        truly = [verdict in positive for label, verdict in pairs if label in positive]
        falsely = [verdict in positive for label, verdict in pairs if label not in positive]
        recall = f"{sum(truly) / len(truly):.3f} ({sum(truly)}/{len(truly)})" if truly else "n/a (no positives)"
        fpr = f"{sum(falsely) / len(falsely):.3f} ({sum(falsely)}/{len(falsely)})" if falsely else "n/a (no negatives)"
        lines.append(f"{name}: recall {recall}, false-positive rate {fpr}")
    if check is Check.CRISIS:
        stopped = [verdict == "crisis" for label, verdict in pairs if label == "none"]
        if stopped:
            lines.append(f"none stopped as crisis: {sum(stopped) / len(stopped):.3f} ({sum(stopped)}/{len(stopped)})")
    return lines


@safety_app.command("audit")
def audit(
    scenarios: Annotated[
        list[Path] | None, typer.Option("--scenarios", help="Scenario folders (default: the library).")
    ] = None,
) -> None:
    """Name the authored lines the no-soothing guard flags: scenario partner lines, scenarios'
    strong exemplars and the exemplar bank's (skills that ease the partner are left out)."""
    from feedback.exemplar_bank import load_bank
    from feedback.soothing.audit import (
        partner_lines_that_soothe,
        scenario_exemplars_that_soothe,
        strong_exemplars_that_soothe,
    )
    from scenarios.loader import LIBRARY_DIR, load_library

    library = load_library(scenarios or (LIBRARY_DIR,))
    loaded = [entry.scenario for entry in library.scenarios.values()]
    strong = [e for e in load_bank().exemplars if e.level == "strong"]
    for what, findings in (
        ("scenario partner lines", partner_lines_that_soothe(loaded)),
        ("scenario strong exemplars", scenario_exemplars_that_soothe(loaded)),
        (
            "exemplar bank strong exemplars",
            strong_exemplars_that_soothe([e.text for e in strong], [e.skill for e in strong]),
        ),
    ):
        typer.echo(f"{what}: {len(findings)} soothe")
        for finding in findings:
            typer.echo(f"  {finding}")


@safety_app.command("train")
def train(only: Annotated[Check | None, typer.Option("--check", help="Retrain only this check.")] = None) -> None:
    """Retrain the checks from the packaged data and write their models (seeded; each fine-tunes
    the encoder: about 5 minutes for soothing and 10 for crisis on one core)."""
    if only in (None, Check.SOOTHING):
        from feedback.soothing.model import CARD_PATH, MODEL_PATH
        from feedback.soothing.training import train_soothing_classifier

        soothing = train_soothing_classifier(log=typer.echo)
        soothing.write(MODEL_PATH, CARD_PATH)
        typer.echo(f"soothing: {soothing.card.trained_on['rows']} rows -> {MODEL_PATH} ({_mib(MODEL_PATH)})")
    if only in (None, Check.CRISIS):
        from simulator.safety.risk_model import CARD_PATH, MODEL_PATH
        from simulator.safety.training import train_crisis_classifier

        crisis = train_crisis_classifier(log=typer.echo)
        crisis.write(MODEL_PATH, CARD_PATH)
        typer.echo(
            f"crisis: {crisis.card.trained_on['rows_used']} of {crisis.card.trained_on['rows']} "
            f"rows -> {MODEL_PATH} ({_mib(MODEL_PATH)})"
        )


def _mib(path: Path) -> str:
    return f"{path.stat().st_size / 2**20:.1f} MiB"
