"""The `rehearse` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from scenarios.loader import LIBRARY_DIR, Library, load_library, load_scenario
from scenarios.skill_packs import PACKS_DIR
from scenarios.problems import YamlFileError
from simulator.partner.cli import partner_app
from simulator.safety.cli import safety_app

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Rehearse hard conversations with DBT skill feedback.")
scenarios_app = typer.Typer(no_args_is_help=True, help="Validate, list and inspect scenario files.")
study_app = typer.Typer(no_args_is_help=True, help="Run and dry-run research studies.")
bench_app = typer.Typer(no_args_is_help=True, help="Benchmarks of speed and memory.")
session_app = typer.Typer(no_args_is_help=True, help="Run rehearsal sessions without the browser.")
feedback_app = typer.Typer(no_args_is_help=True, help="Rate utterances and evaluate raters.")
app.add_typer(scenarios_app, name="scenarios")
app.add_typer(session_app, name="session")
app.add_typer(feedback_app, name="feedback")
app.add_typer(bench_app, name="bench")
app.add_typer(study_app, name="study")
app.add_typer(safety_app, name="safety")
app.add_typer(partner_app, name="partner")
users_app = typer.Typer(no_args_is_help=True, help="Accounts: learners, instructors, researchers.")
app.add_typer(users_app, name="users")


def _settings(**overrides: Any) -> Any:
    from simulator.settings import Settings

    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _known_skills() -> set[str]:
    from feedback.catalog import load_catalog

    return load_catalog(_settings().pack_folders).ids


def _rater_or_fail(settings: Any) -> Any:
    from feedback.raters.base import RaterUnavailable
    from simulator.components import make_rater

    try:
        return make_rater(settings)
    except RaterUnavailable as error:
        _fail(str(error))


def _scenario_or_fail(scenario_id: str) -> Any:
    try:
        return _library().get(scenario_id).scenario
    except KeyError as error:
        _fail(str(error.args[0]) if error.args else f"no scenario '{scenario_id}'")


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


@app.command()
def serve(host: Annotated[Optional[str], typer.Option(help="Interface to listen on.")] = None,
          port: Annotated[Optional[int], typer.Option(help="Port to listen on.")] = None) -> None:
    """Run the browser app (same as `python app.py`)."""
    from app import launch
    from simulator.safety.crisis_text import CrisisTextError

    try:
        launch(_settings(host=host, port=port))
    except CrisisTextError as error:
        _fail(str(error))


def _accounts() -> Any:
    from simulator.web.accounts import accounts_on

    settings = _settings()
    settings.ensure_dirs()
    return accounts_on(settings.resolved_database_url)


@contextmanager
def _account_errors() -> Iterator[None]:
    from simulator.web.accounts import AccountError

    try:
        yield
    except AccountError as error:
        _fail(str(error))


def _new_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password (10 characters or more)", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Letters, digits and . _ @ -; also the learner id of their sessions.")],
    role: Annotated[str, typer.Option(help="learner, instructor or researcher.")] = "learner",
    name: Annotated[str, typer.Option(help="The name shown on the pages.")] = "",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
    no_password: Annotated[bool, typer.Option("--no-password", help="For sign-in through the trusted proxy header only.")] = False,
) -> None:
    """Create an account. The first instructor is made this way: `rehearse users add NAME --role instructor`."""
    from simulator.web.accounts import Role

    if role not in Role.__members__:
        _fail(f"--role {role}: choose learner, instructor or researcher")
    with _account_errors():
        viewer = _accounts().create(username, role, None if no_password else _new_password(password_stdin), name)
    typer.echo(f"created {viewer.role.value} account '{viewer.username}'")


@users_app.command("list")
def users_list() -> None:
    """Every account with its role."""
    for account in _accounts().list():
        state = " (disabled)" if account.disabled else ""
        last = f"{account.last_sign_in_at:%Y-%m-%d %H:%M}" if account.last_sign_in_at else "never"
        typer.echo(f"{account.username:32} {account.role:11} last sign-in {last}{state}")


@users_app.command("password")
def users_password(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Set a new password; the account's open sign-ins end."""
    with _account_errors():
        _accounts().set_password(username, _new_password(password_stdin))
    typer.echo(f"password changed for '{username}'")


@users_app.command("role")
def users_role(username: Annotated[str, typer.Argument()],
               role: Annotated[str, typer.Argument(help="learner, instructor or researcher.")]) -> None:
    """Change an account's role."""
    from simulator.web.accounts import Role

    if role not in Role.__members__:
        _fail(f"{role}: choose learner, instructor or researcher")
    with _account_errors():
        _accounts().set_role(username, role)
    typer.echo(f"'{username}' is now a {role}")


@users_app.command("disable")
def users_disable(username: Annotated[str, typer.Argument()],
                  enable: Annotated[bool, typer.Option("--enable", help="Allow sign-in again.")] = False) -> None:
    """Stop an account signing in (its sessions stay in the record)."""
    with _account_errors():
        _accounts().set_disabled(username, not enable)
    typer.echo(f"'{username}' {'enabled' if enable else 'disabled'}")


@users_app.command("unlock")
def users_unlock(username: Annotated[str, typer.Argument()]) -> None:
    """Forget the wrong passwords typed for an account, so they can try again now from anywhere."""
    with _account_errors():
        _accounts().unlock(username)
    typer.echo(f"'{username}' can try their password again now")


@scenarios_app.command("validate")
def scenarios_validate(paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Scenario or skill-pack files and folders; default: the built-in library and packs.")] = None) -> None:
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


def _library() -> Library:
    return load_library(_settings().scenario_folders, known_skills=_known_skills())


@scenarios_app.command("schema")
def scenarios_schema(pack: Annotated[bool, typer.Option("--pack", help="The skill-pack schema instead.")] = False) -> None:
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
    scenario_ids: Annotated[Optional[list[str]], typer.Argument(help="Scenario ids; default: the whole library.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    transcripts: Annotated[bool, typer.Option("--transcripts", help="Print every turn played.")] = False,
) -> None:
    """Play scripted learners (skilled, mixed, poor, hostile, giving in, keyword salad, one line
    repeated) against each scenario with the knn rater and the scripted partner; exit 1 when play
    does not match the targets."""
    import tempfile

    from simulator.partner.backends.scripted import ScriptedPartner
    from simulator.partner.calibration import calibrate, difficulty_problems
    from simulator.runtime import Rehearsal

    with tempfile.TemporaryDirectory(prefix="rehearse-calibrate-") as folder:
        rehearsal = Rehearsal(_settings(data_dir=Path(folder)), partner=ScriptedPartner())
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
                typer.echo(f"  {script.value:10} {str(played.outcome):16} {played.turns:2d} turns  openness {played.openness}")
                if transcripts:
                    for move, learner, partner in played.transcript:
                        typer.echo(f"      you ({move}): {learner}\n      them: {partner}")
        for problem in problems:
            typer.echo(f"problem: {problem}", err=True)
    if problems:
        raise typer.Exit(1)


@session_app.command("play")
def session_play(
    scenario: Annotated[str, typer.Argument(help="A scenario id, or the path of a scenario file.")],
    learner_lines: Annotated[Path, typer.Option("--learner-lines", help="One learner turn per line; blank lines are skipped.")],
    partner: Annotated[Optional[str], typer.Option(help="Partner backend: scripted (default), openai or local.")] = None,
    partner_url: Annotated[Optional[str], typer.Option("--partner-url", help="OpenAI-compatible base URL (--partner openai).")] = None,
    model: Annotated[Optional[str], typer.Option(help="Model name (openai) or GGUF file / HF folder (local).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON.")] = False,
) -> None:
    """Play a whole session headless through the same graph the app uses."""
    from simulator.runtime import Rehearsal, Refused, TurnFailed, TurnResult

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
    rehearsal = Rehearsal(settings)
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
        turns.append({
            "learner": result.learner_text,
            "learner_move": result.learner_move,
            "partner": result.partner_text,
            "ratings": {r.skill: r.level for r in result.ratings},
            "openness": result.openness,
            "coach": result.coach.get("text") or None,
            "safety": result.safety,  # "crisis" | "check_in": not rated, not answered
        })
        if not as_json:
            _print_turn(len(turns), result)
        if result.safety == "check_in":  # the lines are a script, so it was part of the role-play
            rehearsal.carry_on(status.session_id)
        if result.outcome:
            outcome = result.outcome
            break
    if outcome is None:
        outcome = rehearsal.end(status.session_id).outcome
    summary = {"scenario": loaded.id, "session_id": status.session_id, "outcome": outcome,
               "opening": status.messages[0]["content"], "turns": turns}
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


@feedback_app.command("rate")
def feedback_rate(
    text: Annotated[str, typer.Argument(help="The learner's words.")],
    situation: Annotated[str, typer.Option(help="The situation, as the learner reads it.")] = "",
    goal: Annotated[str, typer.Option(help="What the learner wants.")] = "",
    partner_last: Annotated[str, typer.Option("--partner-last", help="The partner's last line.")] = "",
    skills: Annotated[Optional[str], typer.Option(help="Comma-separated skill ids; default: DEAR MAN.")] = None,
    scenario: Annotated[Optional[str], typer.Option(help="A library scenario id: rate exactly as in the app, "
                                                    "with its situation, goal, skills and exemplars.")] = None,
    rater: Annotated[Optional[str], typer.Option(help="knn (default) or llm.")] = None,
    rater_url: Annotated[Optional[str], typer.Option("--rater-url", help="OpenAI-compatible URL for --rater llm.")] = None,
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
    data: Annotated[Path, typer.Argument(help="Labelled JSONL: {id, situation, goal, partner_last, utterance, labels}.")],
    rater: Annotated[Optional[str], typer.Option(help="knn (default) or llm.")] = None,
    rater_url: Annotated[Optional[str], typer.Option("--rater-url", help="OpenAI-compatible URL for --rater llm.")] = None,
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
    data: Annotated[Optional[list[Path]], typer.Argument(help="Labelled JSONL files; default: feedback/data/*.jsonl.")] = None,
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
        typer.echo(f"{report.skill:16} bank {report.bank_rows:4d}  turns {report.utterance_rows:4d}  grouped-CV macro-F1 {cv}")
    typer.echo(f"saved {HEAD_PATH}")


def _report_bench(result: dict[str, Any], as_json: bool, summary: str) -> None:
    typer.echo(json.dumps(result, indent=2) if as_json else summary)


def _latency(result: dict[str, Any]) -> str:
    return f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.1f} ms"


@bench_app.command("rater")
def bench_rater(
    data: Annotated[Optional[Path], typer.Option(help="Labelled JSONL whose utterances are rated; default: our training turns.")] = None,
    rounds: Annotated[int, typer.Option(help="How many times each utterance is rated.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Load time and per-utterance latency of the knn rater, all seven DEAR MAN skills at once."""
    from benchmarks.rater_latency import run_rater_benchmark

    settings = _settings()
    settings.ensure_dirs()
    result = run_rater_benchmark(settings.cache_dir, data, rounds)
    _report_bench(result, as_json, f"engine {result['engine']}: load {result['load_s']:.2f} s; {result['ratings']} "
                  f"ratings of {result['utterances']} utterances; latency {_latency(result)}")


@bench_app.command("loop")
def bench_loop(
    sessions: Annotated[int, typer.Option(help="Sessions to play.")] = 20,
    turns: Annotated[int, typer.Option(help="Learner turns per session (fewer if a session ends).")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Turn latency of the scripted path in process: rating, coach, partner, database writes."""
    from benchmarks.turn_latency import run_turn_benchmark

    settings = _settings()
    settings.ensure_dirs()
    result = run_turn_benchmark(settings.cache_dir, sessions, turns)
    _report_bench(result, as_json, f"{result['turns']} turns ({result['stored']} stored): {_latency(result)}")


@bench_app.command("turns")
def bench_turns(
    sessions: Annotated[int, typer.Option(help="Simulated learners, each in their own session, all at once.")] = 50,
    turns: Annotated[int, typer.Option(help="Learner turns per session (fewer if a session ends).")] = 8,
    think_s: Annotated[float, typer.Option("--think-s", help="Mean pause before each turn: reading the reply and the feedback, then typing.")] = 20.0,
    ramp_s: Annotated[float, typer.Option("--ramp-s", help="Learners arrive spread over this many seconds.")] = 30.0,
    url: Annotated[Optional[str], typer.Option(help="A running app; default: start one on a free port.")] = None,
    user: Annotated[Optional[str], typer.Option(help="With --url: a learner account on that server.")] = None,
    password: Annotated[Optional[str], typer.Option(envvar="REHEARSE_BENCH_PASSWORD", help="With --url: its password.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Turn latency over HTTP with many learners at once, and a check that no turn sent was lost."""
    from benchmarks.http_turns import run_http_turns

    settings = _settings()
    settings.ensure_dirs()
    try:
        result = run_http_turns(sessions, turns, think_s, settings.cache_dir, url, user, password, ramp_s=ramp_s)
    except ValueError as error:
        _fail(str(error))
    _report_bench(result, as_json, f"{result['sessions']} sessions, {result['turns']} turns over HTTP: "
                                   f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, lost {result['lost_turns']}, "
                                   f"errors {result['errors']}")
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
    from benchmarks.export_speed import run_export_benchmark

    result = run_export_benchmark(sessions, turns, format)
    _report_bench(result, as_json, f"{sessions} sessions x {turns} turns ({result['rows']['ratings']} ratings): export "
                  f"{result['export_s']} s as {format} (generating the record took {result['fill_s']} s)")


@study_app.command("codes")
def study_codes(
    study_file: Annotated[Path, typer.Argument(help="The study YAML.")],
    count: Annotated[int, typer.Option(help="How many enrolment codes to issue.")] = 10,
) -> None:
    """Issue enrolment codes for a study (one per line); each participant enrols once with one."""
    from scenarios.study_schema import load_study
    from simulator.research.studies import StudyRunner
    from simulator.runtime import Rehearsal

    try:
        study = load_study(study_file)
    except YamlFileError as error:
        _fail(f"the study file has problems:\n{error}", 1)
    for code in StudyRunner(Rehearsal(_settings()), study).issue_codes(count):
        typer.echo(code)


@study_app.command("simulate")
def study_simulate(
    study_file: Annotated[Path, typer.Argument(help="The study YAML, e.g. scenarios/studies/two-arm-trial.yaml.")],
    participants: Annotated[int, typer.Option(help="How many simulated participants to enrol.")] = 20,
    seed: Annotated[int, typer.Option(help="Seed for codes, learners and their answers.")] = 1,
    data_dir: Annotated[Optional[Path], typer.Option(
        "--data-dir", help="Keep the simulated record in this new folder (never the live one) to export it or "
                           "write its report; default: a scratch folder, deleted afterwards.")] = None,
) -> None:
    """Dry-run a study: simulated learners of varied skill go through the whole sequence, in a
    record of their own; the live record is never touched."""
    from tqdm import tqdm

    from scenarios.study_schema import load_study
    from simulator.research.dry_run import DryRunError, dry_run_folder, dry_run_settings
    from simulator.research.pilot import run_pilot
    from simulator.runtime import Rehearsal

    try:
        study = load_study(study_file)
    except YamlFileError as error:
        _fail(f"the study file has problems:\n{error}", 1)
    live = _settings()
    try:
        with dry_run_folder(live, data_dir) as folder:
            rehearsal = Rehearsal(dry_run_settings(folder, live))
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
    typer.echo(f"{report.participants} participants ({', '.join(f'{a}: {n}' for a, n in sorted(report.arms.items()))}), "
               f"{report.sessions} sessions, {report.turns} turns; outcomes: "
               + ", ".join(f"{o} {n}" for o, n in sorted(report.outcomes.items())))
    if data_dir is None:
        typer.echo("The simulated record was thrown away; the live record is untouched. To export it or write its "
                   "report, run again with --data-dir PILOT_FOLDER.")
    else:
        unset = "REHEARSE_DATABASE_URL= " if live.database_url else ""
        typer.echo(f"Simulated record kept in {data_dir} (not the live one). Next: {unset}REHEARSE_DATA_DIR={data_dir} "
                   f"rehearse report --study {study.id} --out {data_dir / 'report'}")


@app.command("progress")
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
        survey = " ".join(f"{item} {point.pre.get(item, '-')}->{point.post.get(item, '-')}" for item in ("confident", "fear"))
        typer.echo(f"{point.started_at[:16]}  {point.scenario_id:30} {point.outcome or 'open':16} "
                   f"mastery {point.mastery if point.mastery is not None else '-'}  {survey}")
    typer.echo(f"recurring weak skills: {', '.join(progress.recurring_weak) or 'none'}")
    typer.echo(f"next scenario: {progress.next_scenario}")


@app.command("report")
def report_command(
    study: Annotated[str, typer.Option("--study", help="The study id.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for report.md, the summary CSV and PNG plots.")],
) -> None:
    """Pre/post means, percent change and paired effect size per arm and item, with trajectory plots."""
    from scenarios.study_schema import find_study
    from simulator.research.report import write_report
    from simulator.storage.store import make_engine

    try:
        definition, _ = find_study(study)
    except KeyError as error:
        _fail(str(error.args[0]))
    try:
        files = write_report(make_engine(_settings().resolved_database_url), definition, out)
    except ValueError as error:
        _fail(str(error))
    typer.echo(files.summary_md.read_text(encoding="utf-8"))
    typer.echo("plots: " + ", ".join(str(p) for p in files.plots))


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables.")],
    format: Annotated[str, typer.Option("--format", help="csv, parquet or jsonl.")] = "csv",
    study: Annotated[Optional[str], typer.Option("--study", help="Only this study's participants and sessions.")] = None,
    include_text: Annotated[bool, typer.Option("--include-text", help="Include what learners typed (off by default).")] = False,
    time_resolution: Annotated[Optional[str], typer.Option(
        "--time-resolution", help="day, hour or exact; default: REHEARSE_EXPORT_TIME_RESOLUTION (day).")] = None,
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
    options = ExportOptions(out=out, format=format, study_id=study, include_text=include_text,  # type: ignore[arg-type]
                            key=settings.export_key,
                            time_resolution=TimeResolution(time_resolution or settings.export_time_resolution))
    try:
        with tqdm(total=len(TABLES), desc="export", unit="table", file=sys.stderr) as bar:
            counts = export(engine, options, progress=lambda table: bar.update(1))
    except ExportError as error:
        _fail(str(error))
    typer.echo(", ".join(f"{table} {count}" for table, count in counts.items()) + f" -> {out}")


db_app = typer.Typer(no_args_is_help=True, help="The database schema: migrate, show the revision, write migrations.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the record to the newest schema and set up the checkpoint tables (REHEARSE_DATABASE_URL).
    Safe to run from several processes at once; the app also does this when it starts."""
    from simulator.storage.checkpoints import close_checkpointer, make_checkpointer
    from simulator.storage.database import DATABASE_ERRORS, describe, redacted
    from simulator.storage.migrate import upgrade
    from simulator.storage.store import make_engine

    settings = _settings()
    settings.ensure_dirs()
    url = settings.resolved_database_url
    engine = make_engine(url)
    try:
        report = upgrade(engine)
        close_checkpointer(make_checkpointer(settings))
    except DATABASE_ERRORS as error:
        _fail(f"cannot reach the database at {redacted(url)} ({describe(error)}); check REHEARSE_DATABASE_URL "
              "and that the server is running")
    finally:
        engine.dispose()
    if report.stamped:
        typer.echo(f"found a database made without migrations; marked it as revision {report.stamped}")
    if report.changed:
        typer.echo(f"upgraded {redacted(url)} from {report.before or report.stamped or 'empty'} to {report.after}")
    else:
        typer.echo(f"{redacted(url)} is at the newest revision ({report.after})")


@db_app.command("current")
def db_current() -> None:
    """Show the database's schema revision and the newest one this version knows."""
    from simulator.storage.database import DATABASE_ERRORS, describe, redacted
    from simulator.storage.migrate import current, head
    from simulator.storage.store import make_engine

    settings = _settings()
    settings.ensure_dirs()
    url = settings.resolved_database_url
    engine = make_engine(url)
    try:
        revision = current(engine)
    except DATABASE_ERRORS as error:
        _fail(f"cannot reach the database at {redacted(url)} ({describe(error)}); check REHEARSE_DATABASE_URL "
              "and that the server is running")
    finally:
        engine.dispose()
    newest = head()
    typer.echo(f"{redacted(url)}: revision {revision or 'none'} (newest: {newest})")
    if revision != newest:
        typer.echo("run `rehearse db upgrade` (or start the app) to migrate it", err=True)


@db_app.command("revision")
def db_revision(message: Annotated[str, typer.Argument(help="What changed, e.g. 'turns: add a language column'.")]) -> None:
    """For developers, after changing simulator/storage/models.py: write the migration for it
    (compared against a scratch SQLite database at the newest revision); review it, then commit it."""
    import tempfile

    from simulator.storage.migrate import new_revision
    from simulator.storage.store import make_engine

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'scratch.sqlite'}")
        path = new_revision(message, engine)
        engine.dispose()
    typer.echo(f"wrote {path}; check it on SQLite and PostgreSQL (pytest tests/simulator/test_migrations.py -m '')")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
