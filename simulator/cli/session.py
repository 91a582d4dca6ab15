"""`rehearse session`: whole sessions without the browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from scenarios.loader import load_scenario
from scenarios.problems import YamlFileError
from simulator.cli.common import (
    _fail,
    _known_skills,
    _library,
    _settings,
)

session_app = typer.Typer(no_args_is_help=True, help="Run rehearsal sessions without the browser.")


@session_app.command("play")
def session_play(
    scenario: Annotated[str, typer.Argument(help="A scenario id, or the path of a scenario file.")],
    learner_lines: Annotated[
        Path, typer.Option("--learner-lines", help="One learner turn per line; blank lines are skipped.")
    ],
    partner: Annotated[str | None, typer.Option(help="Partner backend: scripted (default), openai or local.")] = None,
    partner_url: Annotated[
        str | None, typer.Option("--partner-url", help="OpenAI-compatible base URL (--partner openai).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name (openai) or GGUF file / HF folder (local).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON.")] = False,
) -> None:
    """Play a whole session headless through the same graph the app uses."""
    from simulator.bootstrap import bootstrap
    from simulator.runtime import Refused, TurnFailed, TurnResult

    if not learner_lines.exists():
        _fail(f"{learner_lines}: no such file")
    if partner == "openai" and not partner_url and not _settings().partner_url:
        _fail("--partner openai needs --partner-url URL (an OpenAI-compatible server, e.g. http://localhost:8000/v1)")
    if partner == "local" and model and not Path(model).exists():
        _fail(f"--model {model}: no such file or folder")
    settings = _settings(partner=partner, partner_url=partner_url, partner_model=model)
    if Path(scenario).suffix in (".yaml", ".yml"):
        try:
            loaded: Any = load_scenario(scenario, known_skills=_known_skills())
        except YamlFileError as error:
            _fail(f"the scenario file has problems:\n{error}", 1)
    else:
        try:
            loaded = _library().get(scenario)
        except KeyError as error:
            _fail(str(error.args[0]))
    rehearsal = bootstrap(settings)
    status = rehearsal.start(loaded, learner_id="cli")
    turns: list[dict[str, Any]] = []
    outcome = None
    lines = [(n, line.rstrip("\n")) for n, line in enumerate(learner_lines.read_text(encoding="utf-8").splitlines(), 1)]
    for number, line in lines:
        if not line.strip():
            continue
        result = None
        for event in rehearsal.send(status.session_id, line):
            if isinstance(event, Refused):
                _fail(f"{learner_lines}:{number}: {event.message}")
            if isinstance(event, TurnFailed):
                _fail(f"{learner_lines}:{number}: {event.message} (session {status.session_id} keeps this turn)")
            if isinstance(event, TurnResult):
                result = event
        assert result is not None
        turns.append(
            {
                "learner": result.learner_text,
                "learner_move": result.learner_move,
                "partner": result.partner_text,
                "ratings": {r.skill: r.level for r in result.ratings},
                "openness": result.openness,
                "coach": result.coach.get("text") or None,
                "safety": result.safety,  # "crisis" | "check_in": not rated, not answered
            }
        )
        if not as_json:
            _print_turn(len(turns), result)
        if result.safety == "check_in":  # the lines are a script, so it was part of the role-play
            rehearsal.carry_on(status.session_id)
        if result.outcome:
            outcome = result.outcome
            break
    if outcome is None:
        outcome = rehearsal.end(status.session_id).outcome
    summary = {
        "scenario": loaded.id,
        "session_id": status.session_id,
        "outcome": outcome,
        "opening": status.messages[0]["content"],
        "turns": turns,
    }
    if as_json:
        typer.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        typer.echo(f"\noutcome: {outcome}")


def _print_turn(number: int, result: Any) -> None:
    typer.echo(f"\n[{number}] you ({result.learner_move or 'not read'}): {result.learner_text}")
    if result.safety == "check_in":
        typer.echo("    check-in: role-play paused (not rated, no reply); carried on, as the lines are a script.")
        return
    if result.crisis_resources:
        typer.echo(f"    crisis: role-play stopped. {result.crisis_resources}")
        return
    typer.echo("    " + "  ".join(f"{r.skill}={r.level}" for r in result.ratings))
    if result.coach.get("text"):
        typer.echo(f"    coach: {result.coach['text']}")
    typer.echo(f"    partner ({result.band}, {result.openness}): {result.partner_text}")
