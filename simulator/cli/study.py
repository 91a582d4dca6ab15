"""`rehearse study`: enrolment codes and dry runs of research studies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from scenarios.problems import YamlFileError
from simulator.cli.common import (
    _fail,
    _settings,
)

study_app = typer.Typer(no_args_is_help=True, help="Run and dry-run research studies.")


@study_app.command("codes")
def study_codes(
    study_file: Annotated[Path, typer.Argument(help="The study YAML.")],
    count: Annotated[int, typer.Option(help="How many enrolment codes to issue.")] = 10,
    test: Annotated[
        bool,
        typer.Option(
            "--test",
            help="Codes for test participants, who pilot the flow: their "
            "data stays out of exports and reports unless asked for.",
        ),
    ] = False,
) -> None:
    """Issue enrolment codes for a study (one per line); each participant enrols once with one."""
    from scenarios.study_schema import load_study
    from simulator.bootstrap import bootstrap
    from simulator.research.studies import StudyRunner

    try:
        study = load_study(study_file)
    except YamlFileError as error:
        _fail(f"the study file has problems:\n{error}", 1)
    for code in StudyRunner(bootstrap(_settings()), study).issue_codes(count, test=test):
        typer.echo(code)


@study_app.command("simulate")
def study_simulate(
    study_file: Annotated[Path, typer.Argument(help="The study YAML, e.g. scenarios/studies/two-arm-trial.yaml.")],
    participants: Annotated[int, typer.Option(help="How many simulated participants to enrol.")] = 20,
    seed: Annotated[int, typer.Option(help="Seed for codes, learners and their answers.")] = 1,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Keep the simulated record in this new folder (never the live one) to export it or "
            "write its report; default: a scratch folder, deleted afterwards.",
        ),
    ] = None,
) -> None:
    """Dry-run a study: simulated learners of varied skill go through the whole sequence, in a
    record of their own; the live record is never touched."""
    from tqdm import tqdm

    from scenarios.study_schema import load_study
    from simulator.bootstrap import bootstrap
    from simulator.research.dry_run import DryRunError, dry_run_folder, dry_run_settings
    from simulator.research.pilot import run_pilot

    try:
        study = load_study(study_file)
    except YamlFileError as error:
        _fail(f"the study file has problems:\n{error}", 1)
    live = _settings()
    try:
        with dry_run_folder(live, data_dir) as folder:
            rehearsal = bootstrap(dry_run_settings(folder, live))
            try:
                missing = [s.scenario for s in study.sequence if s.scenario not in rehearsal.library().scenarios]
                if missing:
                    _fail(f"the study names scenarios that do not exist: {', '.join(missing)}")
                with tqdm(total=participants, desc="participants", unit="", file=sys.stderr) as bar:
                    report = run_pilot(rehearsal, study, participants, seed, progress=lambda n: bar.update(n - bar.n))
            finally:
                rehearsal.close()
    except DryRunError as error:
        _fail(str(error))
    typer.echo(
        f"{report.participants} participants ({', '.join(f'{a}: {n}' for a, n in sorted(report.arms.items()))}), "
        f"{report.sessions} sessions, {report.turns} turns; outcomes: "
        + ", ".join(f"{o} {n}" for o, n in sorted(report.outcomes.items()))
    )
    if data_dir is None:
        typer.echo(
            "The simulated record was thrown away; the live record is untouched. To export it or write its "
            "report, run again with --data-dir PILOT_FOLDER."
        )
    else:
        unset = "REHEARSE_DATABASE_URL= " if live.database_url else ""
        typer.echo(
            f"Simulated record kept in {data_dir} (not the live one). Next: {unset}REHEARSE_DATA_DIR={data_dir} "
            f"rehearse report --study {study.id} --out {data_dir / 'report'}"
        )
