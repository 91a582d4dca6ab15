"""A study dry run: 40 simulated participants through the whole sequence, then the export."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from sqlmodel import Session, select

from feedback.surveys import SURVEY_ITEMS, SurveyAnswers
from scenarios.study_schema import STUDIES_DIR, load_study
from simulator.research.export import TABLES, ExportOptions, export, pseudonymizer
from simulator.research.randomization import arm_for, block_order
from simulator.research.studies import EnrolmentError, StudyRunner
from simulator.storage.models import Participant

STUDY = load_study(STUDIES_DIR / "two-arm-trial.yaml")
KEY = "test-export-key"


def test_every_block_is_balanced_and_the_order_is_reproducible():
    for block in range(10):
        order = block_order(STUDY, block)
        assert Counter(order) == {"simulation": 2, "simulation_feedback": 2}
        assert order == block_order(STUDY, block)
    assert len({tuple(block_order(STUDY, b)) for b in range(10)}) > 1
    assert [arm_for(STUDY, i)[1] for i in range(8)] == [0, 0, 0, 0, 1, 1, 1, 1]


def test_a_participant_is_assigned_once_and_a_bad_code_or_no_consent_is_refused(make_rehearsal):
    runner = StudyRunner(make_rehearsal(), STUDY)
    code = runner.issue_codes(1)[0]
    with pytest.raises(EnrolmentError, match="consent"):
        runner.enrol(code, consent=False)
    first = runner.enrol(code, consent=True)
    assert runner.enrol(code.lower(), consent=True) == first
    with pytest.raises(EnrolmentError, match="not valid"):
        runner.enrol("NOPE1234", consent=True)


def test_evaluation_steps_hide_feedback_in_every_arm_and_training_follows_the_arm(make_rehearsal):
    rehearsal = make_rehearsal()
    runner = StudyRunner(rehearsal, STUDY)
    for code in runner.issue_codes(4):
        enrolment = runner.enrol(code, consent=True)
        step = runner.next_step(enrolment.participant_id)
        assert step.kind == "pre_evaluation"
        assert runner.start_step(enrolment, step) and not rehearsal.store.sessions()[0].feedback_shown
        training = STUDY.sequence[1]
        status = runner.start_step(enrolment, training)
        assert rehearsal.store.get_session(status.session_id).feedback_shown == STUDY.arm(enrolment.arm).feedback


@pytest.mark.slow
def test_forty_simulated_participants_run_the_whole_sequence_and_export_cleanly(forty_participant_pilot, tmp_path):
    rehearsal, report = forty_participant_pilot.rehearsal, forty_participant_pilot.report
    assert report.participants == 40 and report.sessions == 40 * len(STUDY.sequence)

    out = tmp_path / "export"
    counts = export(rehearsal.store.engine, ExportOptions(out=out, study_id=STUDY.id, key=KEY))
    tables = {t: pd.read_csv(out / f"{t}.csv") for t in TABLES}
    assert counts["participants"] == 40 and len(tables["participants"]) == 40
    assert len(tables["sessions"]) == 200
    assert len(tables["outcomes"]) == 200
    assert len(tables["surveys"]) == 200 * 2 * 8
    assert len(tables["turns"]) == report.turns
    # turns the crisis check stopped or paused are neither rated nor answered: no partner state
    assert len(tables["partner_states"]) == (tables["turns"]["status"] == "done").sum()
    assert len(tables["ratings"]) > len(tables["partner_states"]) * 7
    assert (out / "data_dictionary.csv").exists()

    participants = tables["participants"].sort_values("position")
    for _, block in participants.groupby("block"):
        assert Counter(block["arm"]) == {"simulation": 2, "simulation_feedback": 2}

    with Session(rehearsal.store.engine) as db:
        raw = db.exec(select(Participant)).all()
    exported = "".join(path.read_text(encoding="utf-8") for path in out.iterdir())
    for participant in raw:
        assert participant.id not in exported and participant.code not in exported
    assert "guest" not in exported

    simulation_sessions = set(tables["outcomes"].loc[tables["outcomes"]["arm"] == "simulation", "session_id"])
    assert simulation_sessions
    assert not set(tables["coach_events"]["session_id"]) & simulation_sessions
    evaluation = tables["sessions"]["step_id"].isin(["pre-eval", "post-eval-trained", "post-eval-new"])
    assert not set(tables["coach_events"]["session_id"]) & set(tables["sessions"].loc[evaluation, "session_id"])
    assert "learner_text" not in tables["turns"] and "evidence" not in tables["ratings"]

    again = tmp_path / "export-again"
    export(rehearsal.store.engine, ExportOptions(out=again, study_id=STUDY.id, key=KEY))
    digest = lambda folder: {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
    assert digest(out) == digest(again)

    for format in ("parquet", "jsonl"):
        first, second = tmp_path / f"{format}-1", tmp_path / f"{format}-2"
        export(rehearsal.store.engine, ExportOptions(out=first, format=format, study_id=STUDY.id, key=KEY))
        export(rehearsal.store.engine, ExportOptions(out=second, format=format, study_id=STUDY.id, key=KEY))
        assert digest(first) == digest(second)
    assert len(pd.read_parquet(tmp_path / "parquet-1" / "ratings.parquet")) == len(tables["ratings"])

    from simulator.research.report import write_report

    files = write_report(rehearsal.store.engine, STUDY, tmp_path / "report")
    summary = pd.read_csv(files.summary_csv)
    assert len(summary) == 2 * 9 and set(summary["arm"]) == {"simulation", "simulation_feedback"}
    assert (summary["n"] == 20).all() and (summary["missing"] == 0).all()
    row = summary.iloc[0]
    assert row["percent_change"] == pytest.approx(
        round(100 * (row["post_mean"] - row["pre_mean"]) / row["pre_mean"], 1), abs=0.1
    )
    assert all(path.stat().st_size > 10_000 and path.read_bytes()[:4] == b"\x89PNG" for path in files.plots)

    with_text = tmp_path / "with-text"
    export(rehearsal.store.engine, ExportOptions(out=with_text, study_id=STUDY.id, key=KEY, include_text=True))
    assert pd.read_csv(with_text / "turns.csv")["learner_text"].notna().all()


SHORT_TRIAL = load_study(Path(__file__).resolve().parent.parent / "data" / "studies" / "short-trial.yaml")


def test_the_export_gives_each_participants_step_arm_consent_and_status_and_leaves_out_what_it_must(
    make_rehearsal, tmp_path
):
    rehearsal = make_rehearsal()
    runner = StudyRunner(rehearsal, SHORT_TRIAL)
    finished, midway, leaving, declining = runner.issue_codes(4)
    done = runner.enrol(finished, consent=True)
    while (step := runner.next_step(done.participant_id)) is not None:
        session_id = runner.start_step(done, step).session_id
        rehearsal.record_survey(session_id, SurveyAnswers(phase="pre", values=dict.fromkeys(SURVEY_ITEMS, 3)))
        rehearsal.end(session_id)
        rehearsal.record_survey(session_id, SurveyAnswers(phase="post", values=dict.fromkeys(SURVEY_ITEMS, 5)))
    runner.enrol(midway, consent=True)
    gone = runner.enrol(leaving, consent=True)
    gone_session = runner.start_step(gone, SHORT_TRIAL.sequence[0]).session_id
    rehearsal.record_survey(gone_session, SurveyAnswers(phase="pre", values=dict.fromkeys(SURVEY_ITEMS, 2)))
    runner.withdraw(gone.participant_id)
    runner.decline(declining)
    pilot = runner.enrol(runner.issue_codes(1, test=True)[0], consent=True)
    runner.start_step(pilot, SHORT_TRIAL.sequence[0])

    out = tmp_path / "export"
    export(rehearsal.engine, ExportOptions(out=out, study_id=SHORT_TRIAL.id, key=KEY))
    participants = pd.read_csv(out / "participants.csv", keep_default_na=False)
    pseudonym = pseudonymizer(KEY)
    by_id = {row.participant: row for row in participants.itertuples()}
    assert set(by_id) == {
        pseudonym(done.participant_id),
        pseudonym(runner.lookup(midway)[0].id),
        pseudonym(gone.participant_id),
    }  # no decline, no test participant
    finished_row = by_id[pseudonym(done.participant_id)]
    assert (finished_row.status, finished_row.current_step, finished_row.test_participant) == ("completed", "", 0)
    assert finished_row.arm in {"simulation", "simulation_feedback"} and len(finished_row.consented_at) == 10
    assert by_id[pseudonym(runner.lookup(midway)[0].id)].current_step == "pre-eval"
    assert by_id[pseudonym(runner.lookup(midway)[0].id)].status == "in_progress"
    assert by_id[pseudonym(gone.participant_id)].status == "withdrawn"
    exported = "".join(path.read_text(encoding="utf-8") for path in out.iterdir())
    assert gone_session not in exported and pseudonym(pilot.participant_id) not in exported
    sessions = pd.read_csv(out / "sessions.csv")
    assert set(sessions.participant) == {pseudonym(done.participant_id)}
    assert sorted(sessions.step_id) == sorted(step.id for step in SHORT_TRIAL.sequence)

    again = tmp_path / "again"
    export(rehearsal.engine, ExportOptions(out=again, study_id=SHORT_TRIAL.id, key=KEY))
    assert all((out / p.name).read_bytes() == p.read_bytes() for p in again.iterdir())

    asked = tmp_path / "with-test"
    export(rehearsal.engine, ExportOptions(out=asked, study_id=SHORT_TRIAL.id, key=KEY, include_test=True))
    with_test = pd.read_csv(asked / "participants.csv")
    assert with_test.set_index("participant").loc[pseudonym(pilot.participant_id), "test_participant"] == 1
    assert pseudonym(pilot.participant_id) in set(pd.read_csv(asked / "sessions.csv").participant)
