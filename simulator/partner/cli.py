"""`rehearse partner ...`: train and evaluate the learner-move reader."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any, cast

import numpy as np
import typer

partner_app = typer.Typer(no_args_is_help=True, help="Train and evaluate the reader of the learner's moves.")

HELD_OUT = Path("tests/data/partner/moves-heldout.jsonl")


def _library_scenarios() -> dict[str, Any]:
    from scenarios.loader import LIBRARY_DIR, load_library

    return {key: loaded.scenario for key, loaded in load_library([LIBRARY_DIR]).scenarios.items()}


@partner_app.command("train-moves")
def train_moves() -> None:
    """Fit the move head on simulator/partner/data/moves-train.jsonl and write it to simulator/partner/models/."""
    from feedback.text_classifier import shared_encoder
    from simulator.partner.moves import DATA_PATH, HEAD_PATH, train_move_head

    head = train_move_head(shared_encoder(), _library_scenarios())
    head.save(HEAD_PATH)
    typer.echo(f"wrote {HEAD_PATH} ({head.trained_on['rows']} rows from {DATA_PATH.name})")


MID_SESSION = "(an earlier turn of the session)"


def evaluate(path: Path, label_field: str = "move") -> dict[str, Any]:
    """Accuracy of the committed move reader on labelled lines. Each line is read as a turn in the
    middle of a session (after the partner's line), so a line that says it repeats something may be
    a repeat; a line may list the learner's `"earlier"` turns to check verbatim repeats too."""
    from simulator.partner.moves import LABELS, move_reader, read_rows

    rows = read_rows(path)
    scenarios = _library_scenarios()
    reader = move_reader()
    reader.read("warm up", scenario=None)
    predicted, latencies = [], []
    for row in rows:
        started = time.perf_counter()
        earlier = cast(list[str], row.get("earlier")) or [MID_SESSION]  # JSON: a list of strings
        predicted.append(
            reader.read(row["text"], earlier_turns=earlier, scenario=scenarios.get(row.get("scenario", ""))).move.value
        )
        latencies.append((time.perf_counter() - started) * 1000)
    gold = [row.get(label_field) or row["move"] for row in rows]
    per_move = {}
    for move in LABELS:
        rows_of = [i for i, label in enumerate(gold) if label == move]
        if rows_of:
            per_move[move] = {
                "accuracy": round(float(np.mean([predicted[i] == move for i in rows_of])), 3),
                "support": len(rows_of),
            }
    return {
        "n": len(rows),
        "accuracy": round(float(np.mean([p == g for p, g in zip(predicted, gold)])), 3),
        "per_move": per_move,
        "latency_ms": {
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
        },
        "confusions": sorted({f"{g} -> {p}" for g, p in zip(gold, predicted) if g != p}),
    }


@partner_app.command("eval-moves")
def eval_moves(
    data: Annotated[
        Path | None, typer.Argument(help=f'JSONL with "text", "move" and "scenario" per line; default: {HELD_OUT}')
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """How often the move reader agrees with labelled learner lines, overall and per move."""
    path = data or HELD_OUT
    if not path.exists():
        typer.secho(f"error: {path} does not exist; pass a JSONL file of labelled learner lines", fg="red", err=True)
        raise typer.Exit(2)
    result = evaluate(path)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(f"{result['n']} lines, accuracy {result['accuracy']:.3f}")
    for move, figures in result["per_move"].items():
        typer.echo(f"  {move:10} {figures['accuracy']:.3f}  (n={figures['support']})")
