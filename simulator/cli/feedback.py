"""`rehearse feedback`: rate utterances, evaluate and train raters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    _fail,
    _known_skills,
    _library,
    _rater_or_fail,
    _scenario_or_fail,
    _settings,
)

feedback_app = typer.Typer(no_args_is_help=True, help="Rate utterances and evaluate raters.")


@feedback_app.command("rate")
def feedback_rate(
    text: Annotated[str, typer.Argument(help="The learner's words.")],
    situation: Annotated[str, typer.Option(help="The situation, as the learner reads it.")] = "",
    goal: Annotated[str, typer.Option(help="What the learner wants.")] = "",
    partner_last: Annotated[str, typer.Option("--partner-last", help="The partner's last line.")] = "",
    skills: Annotated[str | None, typer.Option(help="Comma-separated skill ids; default: DEAR MAN.")] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            help="A library scenario id: rate exactly as in the app, with its situation, goal, skills and exemplars."
        ),
    ] = None,
    rater: Annotated[str | None, typer.Option(help="knn (default) or llm.")] = None,
    rater_url: Annotated[str | None, typer.Option("--rater-url", help="OpenAI-compatible URL for --rater llm.")] = None,
) -> None:
    """Rate one utterance; print the ratings as JSON."""
    from feedback.rating import RatingContext, scenario_context
    from feedback.skills import DEAR_MAN_IDS

    settings = _settings(rater=rater, rater_url=rater_url)
    settings.ensure_dirs()
    if scenario is not None:
        if situation or goal or skills:
            _fail("--scenario sets the situation, goal and skills; leave out --situation, --goal and --skills")
        context = scenario_context(_scenario_or_fail(scenario), partner_last)
    else:
        chosen = tuple(s.strip() for s in skills.split(",")) if skills else DEAR_MAN_IDS
        unknown = sorted(set(chosen) - _known_skills())
        if unknown:
            _fail(f"unknown skill id(s): {', '.join(unknown)}")
        context = RatingContext(situation=situation, goal=goal, partner_last=partner_last, skills=chosen)
    ratings = _rater_or_fail(settings).rate(text, context)
    typer.echo(json.dumps([r.model_dump() for r in ratings], indent=2, ensure_ascii=False))


@feedback_app.command("eval")
def feedback_eval(
    data: Annotated[
        Path, typer.Argument(help="Labelled JSONL: {id, situation, goal, partner_last, utterance, labels}.")
    ],
    rater: Annotated[str | None, typer.Option(help="knn (default) or llm.")] = None,
    rater_url: Annotated[str | None, typer.Option("--rater-url", help="OpenAI-compatible URL for --rater llm.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Strong-vs-not macro-F1, 3-level accuracy and kappa per skill, confusion matrices, latency,
    and each turn's levels and contrasts, on labelled data."""
    from feedback.evaluation import UnknownScenario, evaluate
    from feedback.labelled_data import LabelledDataError, load_labelled

    if not data.exists():
        _fail(f"{data}: no such file")
    try:
        rows = load_labelled(data)
    except LabelledDataError as error:
        _fail(str(error))
    settings = _settings(rater=rater, rater_url=rater_url)
    settings.ensure_dirs()
    named = {row.scenario for row in rows if row.scenario}
    scenarios = {id_: loaded.scenario for id_, loaded in _library().scenarios.items() if id_ in named}
    try:
        report = evaluate(_rater_or_fail(settings), rows, scenarios=scenarios)
    except UnknownScenario as error:
        _fail(str(error))
    typer.echo(json.dumps(report.to_json(), indent=2) if as_json else report.to_text())


@feedback_app.command("train")
def feedback_train(
    data: Annotated[
        list[Path] | None, typer.Argument(help="Labelled JSONL files; default: feedback/data/*.jsonl.")
    ] = None,
) -> None:
    """Retrain the knn rater's head from the exemplar bank and our labelled turns."""
    from feedback.raters.head import HEAD_PATH
    from feedback.raters.knn import KnnRater
    from feedback.training import load_training_data, train_head

    settings = _settings()
    settings.ensure_dirs()
    rows = load_training_data(data)
    head, reports = train_head(KnnRater(cache_dir=settings.cache_dir, head=False), rows)
    head.save(HEAD_PATH)
    for report in reports:
        cv = f"{report.cv_macro_f1:.3f}" if report.cv_macro_f1 is not None else "-"
        typer.echo(
            f"{report.skill:16} bank {report.bank_rows:4d}  turns {report.utterance_rows:4d}  grouped-CV macro-F1 {cv}"
        )
    typer.echo(f"saved {HEAD_PATH}")
