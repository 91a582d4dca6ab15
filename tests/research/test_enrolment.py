"""Enrolment as a participant meets it: a decline keeps only the decline, consent assigns an arm
once (balanced blocks from the study's seed), test participants keep out of the live allocation,
each step waits for its surveys, and withdrawal stops participation."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlmodel import Session, select

from feedback.surveys import SURVEY_ITEMS, SurveyAnswers
from scenarios.study_schema import STUDIES_DIR, load_study
from simulator.research.randomization import arm_for
from simulator.research.studies import (
    ConsentDecision,
    EnrolmentError,
    ParticipationStatus,
    StepPhase,
    StudyRunner,
    status_of,
)
from simulator.storage.models import EnrolmentRecord, Participant, RehearsalSession, SurveyAnswer

STUDY = load_study(STUDIES_DIR / "two-arm-trial.yaml")
ALL_SEVENS = {item: 7 for item in SURVEY_ITEMS}


def test_a_decline_keeps_only_the_decision_and_its_time(make_rehearsal):
    rehearsal = make_rehearsal()
    runner = StudyRunner(rehearsal, STUDY)
    code = runner.issue_codes(1)[0]
    runner.decline(f" {code.lower()} ")
    participant, record = runner.lookup(code)
    assert record.consent == ConsentDecision.declined and record.consent_at is not None
    assert (participant.arm, participant.position, participant.consented_at, participant.enrolled_at) == (None,) * 4
    assert (record.current_step, record.completed_at, record.withdrawn_at) == (None, None, None)
    assert status_of(record) == ParticipationStatus.declined
    with Session(rehearsal.engine) as db:
        assert db.exec(select(RehearsalSession)).all() == [] and db.exec(select(SurveyAnswer)).all() == []
    with pytest.raises(EnrolmentError, match="decline"):
        runner.enrol(code, consent=True)


def test_consent_assigns_each_arm_equally_within_a_block_and_only_once(make_rehearsal):
    runner = StudyRunner(make_rehearsal(), STUDY)
    codes = runner.issue_codes(STUDY.randomization.block_size)
    enrolments = [runner.enrol(code, consent=True) for code in codes]
    assert [e.arm for e in enrolments] == [arm_for(STUDY, place)[0] for place in range(len(codes))]
    assert Counter(e.arm for e in enrolments) == {"simulation": 2, "simulation_feedback": 2}
    assert [runner.enrol(code, consent=True) for code in codes] == enrolments
    record = runner.record(enrolments[0].participant_id)
    assert record.consent == ConsentDecision.agreed and record.current_step == STUDY.sequence[0].id


def test_test_participants_are_randomized_apart_and_leave_the_live_places_alone(make_rehearsal):
    runner = StudyRunner(make_rehearsal(), STUDY)
    pilots = [runner.enrol(code, consent=True) for code in runner.issue_codes(3, test=True)]
    live = [runner.enrol(code, consent=True) for code in runner.issue_codes(4)]
    assert all(e.test_participant for e in pilots) and not any(e.test_participant for e in live)
    assert [e.arm for e in live] == [arm_for(STUDY, place)[0] for place in range(4)]
    assert [e.position for e in live] == [0, 1, 2, 3]
    with Session(runner.engine) as db:
        assert {
            p.position for p in db.exec(select(Participant)).all() if p.id in {e.participant_id for e in pilots}
        } == {None}


def test_each_step_waits_for_its_surveys_and_the_last_one_completes_the_study(make_rehearsal):
    rehearsal = make_rehearsal()
    runner = StudyRunner(rehearsal, STUDY)
    enrolment = runner.enrol(runner.issue_codes(1)[0], consent=True)
    for number, step in enumerate(STUDY.sequence, start=1):
        position = runner.position(enrolment.participant_id)
        assert (position.step, position.phase, position.number) == (step, StepPhase.pre_survey, number)
        status = runner.start_step(enrolment, step)
        assert runner.position(enrolment.participant_id).phase == StepPhase.pre_survey  # started, pre not answered
        rehearsal.record_survey(status.session_id, SurveyAnswers(phase="pre", values=ALL_SEVENS))
        assert runner.position(enrolment.participant_id).phase == StepPhase.conversation
        rehearsal.end(status.session_id)
        position = runner.position(enrolment.participant_id)
        assert (position.phase, position.session_id) == (StepPhase.post_survey, status.session_id)
        assert runner.record(enrolment.participant_id).current_step == step.id
        rehearsal.record_survey(status.session_id, SurveyAnswers(phase="post", values=ALL_SEVENS))
    assert runner.position(enrolment.participant_id).step is None
    record = runner.record(enrolment.participant_id)
    assert record.completed_at is not None and record.current_step is None
    assert status_of(record) == ParticipationStatus.completed
    assert runner.completed_steps(enrolment.participant_id) == [step.id for step in STUDY.sequence]


def test_withdrawing_ends_the_open_conversation_and_closes_the_code(make_rehearsal):
    rehearsal = make_rehearsal()
    runner = StudyRunner(rehearsal, STUDY)
    code = runner.issue_codes(1)[0]
    enrolment = runner.enrol(code, consent=True)
    status = runner.start_step(enrolment, STUDY.sequence[0])
    runner.withdraw(enrolment.participant_id)
    assert rehearsal.status(status.session_id).outcome == "ended_by_learner"
    with Session(rehearsal.engine) as db:
        record = db.get(EnrolmentRecord, enrolment.participant_id)
    assert record.withdrawn_at is not None and status_of(record) == ParticipationStatus.withdrawn
    with pytest.raises(EnrolmentError, match="withdrawn"):
        runner.enrol(code, consent=True)
