"""`rehearse progress`, `report`, `export`: a learner's progress, study reports and data exports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    _fail,
    _library,
    _settings,
)

research_app = typer.Typer()


@research_app.command("progress")
def progress_command(
    learner: Annotated[str, typer.Argument(help="The learner id (the name or code they started sessions with).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """A learner's sessions, survey trajectories, skill mastery and what to practise next."""
    from dataclasses import asdict

    from simulator.research.progress import learner_progress
    from simulator.storage.store import make_engine

    progress = learner_progress(make_engine(_settings().resolved_database_url), learner, _library())
    if as_json:
        typer.echo(json.dumps(asdict(progress), indent=2))
        return
    if not progress.sessions:
        _fail(f"no sessions for learner '{learner}'")
    for point in progress.sessions:
        survey = " ".join(
            f"{item} {point.pre.get(item, '-')}->{point.post.get(item, '-')}" for item in ("confident", "fear")
        )
        typer.echo(
            f"{point.started_at[:16]}  {point.scenario_id:30} {point.outcome or 'open':16} "
            f"mastery {point.mastery if point.mastery is not None else '-'}  {survey}"
        )
    typer.echo(f"recurring weak skills: {', '.join(progress.recurring_weak) or 'none'}")
    typer.echo(f"next scenario: {progress.next_scenario}")


@research_app.command("report")
def report_command(
    study: Annotated[str, typer.Option("--study", help="The study id.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for report.html, report.md, the CSVs and PNG plots.")],
    include_test: Annotated[
        bool, typer.Option("--include-test-participants", help=("Count test participants too (left out by default)."))
    ] = False,
) -> None:
    """Compare the arms: pre/post change per arm with 95% CIs, the ANCOVA difference between arms
    with its CI and Hedges' g, n and missing data per arm; plots and an HTML summary."""
    from scenarios.study_schema import find_study
    from simulator.research.report import write_report
    from simulator.storage.store import make_engine

    settings = _settings()
    try:
        definition, _ = find_study(study, settings.study_folders)
    except KeyError as error:
        _fail(str(error.args[0]))
    try:
        files = write_report(make_engine(settings.resolved_database_url), definition, out, include_test=include_test)
    except ValueError as error:
        _fail(str(error))
    typer.echo(files.summary_md.read_text(encoding="utf-8"))
    typer.echo(f"summary: {files.summary_html}; tables: {files.between_csv}, {files.summary_csv}")
    typer.echo("plots: " + ", ".join(str(p) for p in files.plots))


@research_app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables.")],
    format: Annotated[str, typer.Option("--format", help="csv, parquet or jsonl.")] = "csv",
    study: Annotated[str | None, typer.Option("--study", help="Only this study's participants and sessions.")] = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Include what learners typed (off by default).")
    ] = False,
    time_resolution: Annotated[
        str | None,
        typer.Option("--time-resolution", help="day, hour or exact; default: REHEARSE_EXPORT_TIME_RESOLUTION (day)."),
    ] = None,
    include_test: Annotated[
        bool,
        typer.Option(
            "--include-test-participants",
            help=("Export test participants too (left out by default), marked in participants.test_participant."),
        ),
    ] = False,
) -> None:
    """Export participants, sessions, turns, ratings, coach events, partner states, surveys and outcomes."""
    from tqdm import tqdm

    from simulator.research.export import TABLES, ExportError, ExportOptions, export
    from simulator.research.time_resolution import TimeResolution
    from simulator.storage.store import make_engine

    if format not in ("csv", "parquet", "jsonl"):
        _fail(f"--format {format}: choose csv, parquet or jsonl")
    if time_resolution is not None and time_resolution not in TimeResolution.__members__:
        _fail(f"--time-resolution {time_resolution}: choose day, hour or exact")
    settings = _settings()
    engine = make_engine(settings.resolved_database_url)
    options = ExportOptions(
        out=out,
        format=format,  # type: ignore[arg-type]
        study_id=study,
        include_text=include_text,
        key=settings.export_key,
        include_test=include_test,
        time_resolution=TimeResolution(time_resolution or settings.export_time_resolution),
    )
    try:
        with tqdm(total=len(TABLES), desc="export", unit="table", file=sys.stderr) as bar:
            counts = export(engine, options, progress=lambda table: bar.update(1))
    except ExportError as error:
        _fail(str(error))
    typer.echo(", ".join(f"{table} {count}" for table, count in counts.items()) + f" -> {out}")
