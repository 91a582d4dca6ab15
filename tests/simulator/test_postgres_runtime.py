"""With REHEARSE_DATABASE_URL=postgresql://... everything runs on PostgreSQL: the record, the
LangGraph checkpoints, surveys, "do it again", studies and the research export. Several app
processes share one database, so a session begun on one continues on another."""

from __future__ import annotations

import pandas as pd
import pyarrow.csv as pa_csv
import pytest
from sqlalchemy import text

from feedback.surveys import SurveyAnswers
from scenarios.study_schema import STUDIES_DIR, load_study
from simulator.research.dry_run import mark_dry_run
from simulator.research.export import TABLES, ExportOptions, export
from simulator.research.pilot import run_pilot
from simulator.research.progress import learner_progress
from simulator.research.report import write_report
from simulator.research.time_resolution import TimeResolution
from simulator.runtime import PartnerChunk, TurnResult

pytestmark = pytest.mark.postgres

SKILLED = (
    "Over the last four days the dishes from your dinners stayed in the sink overnight. "
    "I feel frustrated when I come home to that. I'd like you to wash your own dishes the same evening."
)
FOLLOW_UP = "If you wash up the same evening, we can both cook when we get home."
STUDY = load_study(STUDIES_DIR / "two-arm-trial.yaml")


def play(rehearsal, session_id, text):
    events = list(rehearsal.send(session_id, text))
    assert isinstance(events[-1], TurnResult), events[-1]
    return events


def test_a_whole_session_with_surveys_and_a_redo_is_kept_in_postgresql(make_rehearsal, postgres_database, tmp_path):
    rehearsal = make_rehearsal(database_url=postgres_database)
    assert rehearsal.engine.dialect.name == "postgresql" and type(rehearsal.checkpointer).__name__ == "PostgresSaver"
    session = rehearsal.start("roommate-dishes", learner_id="ana").session_id
    rehearsal.record_survey(session, SurveyAnswers(phase="pre", values={"confident": 2, "fear": 6}))
    rehearsal.record_values_note(session, "fear", "It tells me I care about being treated fairly.")
    events = play(rehearsal, session, SKILLED)
    assert any(isinstance(e, PartnerChunk) for e in events)
    play(rehearsal, session, "Whatever, you never listen anyway.")
    status = rehearsal.redo_from(session, 2)
    assert status.branch == 1 and status.turn == 1 and status.waiting_for_learner
    play(rehearsal, session, FOLLOW_UP)
    ended = rehearsal.end(session)
    assert ended.outcome == "ended_by_learner"
    rehearsal.record_survey(session, SurveyAnswers(phase="post", values={"confident": 4, "fear": 4}))

    turns = rehearsal.store.turns(session)
    assert [(t.index, t.branch, t.status) for t in turns] == [(1, 0, "done"), (2, 1, "done")]
    assert all(t.ratings and t.reasons and t.partner_text for t in turns)
    assert [t.learner_text for t in rehearsal.store.turns(session, branch=0)] == [
        SKILLED,
        "Whatever, you never listen anyway.",
    ]
    assert rehearsal.store.survey(session, "post") == {"confident": 4, "fear": 4}
    record = rehearsal.store.get_session(session)
    assert record.status == "ended" and record.mastery is not None and record.started_at.tzinfo is not None
    progress = learner_progress(rehearsal.engine, "ana", rehearsal.library())
    assert progress.sessions[0].pre == {"confident": 2, "fear": 6}

    with rehearsal.engine.connect() as connection:
        checkpoints = connection.execute(
            text("SELECT count(*) FROM checkpoints WHERE thread_id = :s"), {"s": session}
        ).scalar()
    assert checkpoints > 0
    assert not list((tmp_path / "data").glob("*.sqlite"))  # nothing went to the SQLite defaults


def test_a_session_begun_in_one_app_process_continues_in_another(make_rehearsal, postgres_database, tmp_path):
    first = make_rehearsal(tmp_path / "replica-1", database_url=postgres_database)
    second = make_rehearsal(tmp_path / "replica-2", database_url=postgres_database)
    session = first.start("roommate-dishes", learner_id="ana").session_id
    play(first, session, SKILLED)
    status = second.status(session)
    assert status.turn == 1 and status.waiting_for_learner and not status.needs_recovery
    result = play(second, session, FOLLOW_UP)[-1]
    assert result.index == 2
    assert first.status(session).turn == 2
    assert [t.index for t in first.store.turns(session)] == [1, 2]


def test_words_stored_before_a_crash_are_finished_by_a_restarted_process(make_rehearsal, postgres_database, tmp_path):
    crashed = make_rehearsal(tmp_path / "before", database_url=postgres_database)
    session = crashed.start("roommate-dishes").session_id
    crashed.store.record_pending(session, 0, 1, SKILLED)  # the process died right after keeping the words
    crashed.close()
    restarted = make_rehearsal(tmp_path / "after", database_url=postgres_database)
    assert restarted.status(session).needs_recovery
    result = list(restarted.retry(session))[-1]
    assert isinstance(result, TurnResult) and result.learner_text == SKILLED
    assert [t.status for t in restarted.store.turns(session)] == ["done"]


def test_a_study_runs_and_exports_the_same_tables_from_postgresql_as_from_sqlite(
    make_rehearsal, postgres_database, tmp_path
):
    exports = {}
    for name, overrides in (("sqlite", {}), ("postgresql", {"database_url": postgres_database})):
        rehearsal = make_rehearsal(mark_dry_run(tmp_path / name), **overrides)  # a throwaway database either way
        report = run_pilot(rehearsal, STUDY, participants=2, seed=3)
        assert report.participants == 2
        out = tmp_path / f"export-{name}"
        counts = export(
            rehearsal.engine,
            ExportOptions(out=out, study_id=STUDY.id, key="k", include_text=True, time_resolution=TimeResolution.exact),
        )
        exports[name] = ({t: pa_csv.read_csv(out / f"{t}.csv") for t in TABLES}, counts)
        files = write_report(rehearsal.engine, STUDY, tmp_path / f"report-{name}")
        assert len(pd.read_csv(files.summary_csv)) == 2 * 9  # 8 survey items and skill mastery
    (sqlite, sqlite_counts), (postgres, postgres_counts) = exports["sqlite"], exports["postgresql"]
    assert postgres_counts == sqlite_counts
    for table in TABLES:
        assert postgres[table].schema == sqlite[table].schema, table

    def same(table: str, columns: list[str]) -> bool:
        rows = lambda tables: sorted(map(repr, tables[table].select(columns).to_pylist()))
        return rows(postgres) == rows(sqlite)

    # The same seeded learners typed the same words and answered the same surveys (the scripted
    # partner picks its lines by session id, so replies and what follows from them differ).
    assert same("turns", ["branch", "turn_index", "learner_text"])
    assert same("surveys", ["step_id", "phase", "item", "value"])
    reasons = postgres["partner_states"].column("reasons").to_pylist()
    assert reasons and all(reason == "" or ":" in reason for reason in reasons)
    for name in exports:  # timestamps in UTC, written alike: 2026-01-01 10:00:00.123456
        written = pd.read_csv(tmp_path / f"export-{name}" / "turns.csv", dtype=str)["created_at"]
        assert written.str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}").all(), (name, written[:3])
