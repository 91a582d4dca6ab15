"""`rehearse scenarios`: validate, list, preview scenario files and print their schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from scenarios.loader import LIBRARY_DIR
from scenarios.skill_packs import PACKS_DIR
from simulator.cli.common import (
    _fail,
    _library,
    _settings,
)

scenarios_app = typer.Typer(no_args_is_help=True, help="Validate, list and inspect scenario files.")


@scenarios_app.command("validate")
def scenarios_validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Scenario or skill-pack files and folders; default: the built-in library and packs."),
    ] = None,
) -> None:
    """Check scenario and skill-pack files; print every problem as file:line:col: field: message."""
    from feedback.skills import BUILT_IN_SKILLS
    from scenarios.checking import check_paths

    result = check_paths(paths or [LIBRARY_DIR, PACKS_DIR], BUILT_IN_SKILLS)
    for problem in result.problems:
        typer.echo(str(problem))
    summary = f"{result.scenarios} valid scenario(s), {result.packs} skill pack(s)"
    if not result.ok:
        typer.echo(f"{len(result.problems)} problem(s); {summary}.", err=True)
        raise typer.Exit(1)
    typer.echo(f"All valid: {summary}.", err=True)


@scenarios_app.command("list")
def scenarios_list() -> None:
    """List the scenarios the app offers."""
    library = _library()
    for loaded in sorted(library.scenarios.values(), key=lambda s: (s.scenario.category.value, s.id)):
        s = loaded.scenario
        typer.echo(f"{s.id:32} {s.category.value:8} {s.partner.difficulty.value:9} {s.title}")
    for file, problems in library.invalid_files.items():
        typer.echo(f"(invalid) {file}: {len(problems)} problem(s); run `rehearse scenarios validate {file}`", err=True)


@scenarios_app.command("schema")
def scenarios_schema(
    pack: Annotated[bool, typer.Option("--pack", help="The skill-pack schema instead.")] = False,
) -> None:
    """Print the JSON Schema editors use for completion and checks."""
    from scenarios.json_schema import pack_json_schema, scenario_json_schema

    typer.echo(json.dumps(pack_json_schema() if pack else scenario_json_schema(), indent=2))


@scenarios_app.command("preview")
def scenarios_preview(scenario_id: Annotated[str, typer.Argument(help="The scenario id.")]) -> None:
    """Show the learner's card and the partner's card as text."""
    from scenarios.preview import learner_card, partner_card

    try:
        loaded = _library().get(scenario_id)
    except KeyError as error:
        _fail(str(error.args[0]))
    typer.echo(learner_card(loaded.scenario))
    typer.echo("")
    typer.echo(partner_card(loaded.scenario))


@scenarios_app.command("calibrate")
def scenarios_calibrate(
    scenario_ids: Annotated[list[str] | None, typer.Argument(help="Scenario ids; default: the whole library.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    transcripts: Annotated[bool, typer.Option("--transcripts", help="Print every turn played.")] = False,
) -> None:
    """Play scripted learners (skilled, mixed, poor, hostile, giving in, keyword salad, one line
    repeated) against each scenario with the knn rater and the scripted partner; exit 1 when play
    does not match the targets."""
    import tempfile

    from simulator.bootstrap import bootstrap
    from simulator.calibration import calibrate, difficulty_problems
    from simulator.partner.backends.scripted import ScriptedPartner

    with tempfile.TemporaryDirectory(prefix="rehearse-calibrate-") as folder:
        rehearsal = bootstrap(_settings(data_dir=Path(folder)), partner=ScriptedPartner())
        try:
            library = rehearsal.library()
            ids = scenario_ids or sorted(library.scenarios)
            for scenario_id in ids:
                if scenario_id not in library.scenarios:
                    _fail(f"no scenario '{scenario_id}'; see `rehearse scenarios list`")
            results = [calibrate(rehearsal, scenario_id) for scenario_id in ids]
        finally:
            rehearsal.close()
    problems = [p for r in results for p in r.problems()] + (difficulty_problems(results) if len(ids) > 1 else [])
    if as_json:
        typer.echo(json.dumps({"scenarios": [r.to_json() for r in results], "problems": problems}, indent=2))
    else:
        for result in results:
            typer.echo(f"{result.scenario_id} ({result.difficulty})")
            for script, played in result.played.items():
                typer.echo(
                    f"  {script.value:10} {played.outcome!s:16} {played.turns:2d} turns  openness {played.openness}"
                )
                if transcripts:
                    for move, learner, partner in played.transcript:
                        typer.echo(f"      you ({move}): {learner}\n      them: {partner}")
        for problem in problems:
            typer.echo(f"problem: {problem}", err=True)
    if problems:
        raise typer.Exit(1)
