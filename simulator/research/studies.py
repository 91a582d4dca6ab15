"""Running a study: enrolment codes, consent (agreed or declined), arm assignment (once, for
good, at consent), where each participant stands in the sequence, and withdrawal.

What each decision keeps:
- decline: the decision and its time on the code's enrolment record; no arm, nothing else.
- agree: the arm (balanced block randomization with the study's seed), the consent time.
- withdraw: participation stops (an open conversation is ended) and the withdrawal time is kept;
  their sessions and answers stay out of every export and report from then on, and the export
  lists them only as withdrawn.
Test participants (codes issued with `test=True`) pilot the flow: they are randomized in a
sequence of their own, so live allocation is untouched, and their data stays out of exports and
reports unless asked for.
"""

from __future__ import annotations

import random
import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from scenarios.study_schema import Step, Study
from simulator.research.randomization import arm_for
from simulator.runtime import Rehearsal, SessionStatus
from simulator.storage.models import (
    EnrolmentRecord,
    Participant,
    RehearsalSession,
    SurveyAnswer,
    utc_now,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I
ASSIGN_ATTEMPTS = 5  # two people consenting at the same moment: the second takes the next place


class EnrolmentError(ValueError):
    pass


class ConsentDecision(StrEnum):
    agreed = "agreed"
    declined = "declined"


class ParticipationStatus(StrEnum):
    issued = "issued"  # a code nobody has used yet
    declined = "declined"
    in_progress = "in_progress"
    completed = "completed"
    withdrawn = "withdrawn"


class StepPhase(StrEnum):
    pre_survey = "pre_survey"
    conversation = "conversation"
    post_survey = "post_survey"


@dataclass(frozen=True)
class Enrolment:
    participant_id: str
    code: str
    arm: str
    position: int
    block: int
    test_participant: bool = False


@dataclass(frozen=True)
class Position:
    """Where a participant is: the step, what comes next within it, and its session if started.
    `step` is None once every step is done."""

    step: Step | None
    phase: StepPhase | None
    session_id: str | None = None
    number: int = 0  # 1-based place of `step` in the sequence


def make_codes(count: int, rng: random.Random | None = None, length: int = 8) -> list[str]:
    draw = (lambda: rng.choice(CODE_ALPHABET)) if rng else (lambda: secrets.choice(CODE_ALPHABET))
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(draw() for _ in range(length)))
    return sorted(codes)


def status_of(record: EnrolmentRecord | None) -> ParticipationStatus:
    if record is None or record.consent is None:
        return ParticipationStatus.issued
    if record.consent == ConsentDecision.declined:
        return ParticipationStatus.declined
    if record.withdrawn_at is not None:
        return ParticipationStatus.withdrawn
    return ParticipationStatus.completed if record.completed_at is not None else ParticipationStatus.in_progress


def normal_code(code: str) -> str:
    return code.strip().upper().replace(" ", "").replace("-", "")


class StudyRunner:
    def __init__(self, rehearsal: Rehearsal, study: Study):
        self.rehearsal = rehearsal
        self.study = study
        self.engine = rehearsal.store.engine

    # codes and consent -----------------------------------------------------------------------
    def issue_codes(self, count: int, rng: random.Random | None = None, *, test: bool = False) -> list[str]:
        """Enrolment codes for participants to type in; each works once. `test`: codes for
        piloting the flow, whose data stays out of exports and reports unless asked for."""
        codes = make_codes(count, rng)
        with Session(self.engine) as db:
            for code in codes:
                participant = Participant(id=uuid.uuid4().hex, study_id=self.study.id, code=code)
                db.add(participant)
                db.flush()
                db.add(EnrolmentRecord(participant_id=participant.id, study_id=self.study.id, test_participant=test))
            db.commit()
        return codes

    def lookup(self, code: str) -> tuple[Participant, EnrolmentRecord]:
        """The participant holding `code`, and their enrolment record (made if an older version
        issued the code without one)."""
        code = normal_code(code)
        with Session(self.engine) as db:
            participant = db.exec(
                select(Participant).where(Participant.study_id == self.study.id, Participant.code == code)
            ).first()
            if participant is None:
                raise EnrolmentError(f"the code '{code}' is not valid for this study; check it with the researcher")
            record = db.get(EnrolmentRecord, participant.id)
            if record is None:
                record = EnrolmentRecord(participant_id=participant.id, study_id=self.study.id)
                db.add(record)
                db.commit()
                db.refresh(record)
            db.refresh(participant)
            return participant, record

    def decline(self, code: str) -> None:
        """Record the decline and its time, and nothing else; the code cannot be used again."""
        participant, record = self.lookup(code)
        if record.consent == ConsentDecision.agreed:
            raise EnrolmentError("you have already agreed to take part; to stop, use 'Withdraw from the study'")
        with Session(self.engine) as db:
            stored = db.get(EnrolmentRecord, participant.id)
            assert stored is not None
            if stored.consent is None:
                stored.consent, stored.consent_at = ConsentDecision.declined, utc_now()
                db.add(stored)
                db.commit()

    def enrol(self, code: str, consent: bool) -> Enrolment:
        """Assign the participant holding `code` to an arm; asking again returns the same arm."""
        participant, record = self.lookup(code)
        if record.consent == ConsentDecision.declined:
            raise EnrolmentError(
                "this code was used to decline taking part; if you have changed your mind, ask "
                "the researcher for a new code"
            )
        if record.withdrawn_at is not None:
            raise EnrolmentError("you have withdrawn from this study, so this code no longer opens it")
        if participant.arm is None:
            if not consent:
                raise EnrolmentError("taking part needs your consent; read the text and tick the box to continue")
            participant = self._assign(participant.id, record.test_participant)
        return Enrolment(
            participant.id,
            participant.code,
            participant.arm or "",
            participant.position or 0,
            participant.block or 0,
            record.test_participant,
        )

    def _assign(self, participant_id: str, test: bool) -> Participant:
        for _ in range(ASSIGN_ATTEMPTS):
            with Session(self.engine) as db:
                participant = db.get(Participant, participant_id)
                record = db.get(EnrolmentRecord, participant_id)
                assert participant is not None and record is not None
                if participant.arm is not None:
                    return participant
                place = self._assigned_count(db, test)
                participant.arm, participant.block = arm_for(self.study, place)
                participant.position = None if test else place  # test participants keep out of live places
                participant.consented_at = participant.enrolled_at = record.consent_at = utc_now()
                record.consent = ConsentDecision.agreed
                record.current_step = self.study.sequence[0].id
                db.add(participant)
                db.add(record)
                try:
                    db.commit()
                except IntegrityError:
                    db.rollback()
                    continue
                db.refresh(participant)
                return participant
        raise EnrolmentError("many people are enrolling at this moment; press the button again")

    def _assigned_count(self, db: Session, test: bool) -> int:
        query = (
            select(func.count())
            .select_from(Participant)
            .join(EnrolmentRecord, col(EnrolmentRecord.participant_id) == col(Participant.id), isouter=True)
            .where(Participant.study_id == self.study.id, col(Participant.arm).is_not(None))
        )
        if test:
            return db.exec(query.where(col(EnrolmentRecord.test_participant).is_(True))).one()
        # Live places are numbered: the next is one past the highest (gaps never reuse a place).
        highest = db.exec(select(func.max(Participant.position)).where(Participant.study_id == self.study.id)).one()
        return 0 if highest is None else highest + 1

    def withdraw(self, participant_id: str) -> None:
        """Stop taking part: an open conversation ends, the withdrawal time is kept, and their data
        stays out of exports and reports from now on."""
        for record in self._sessions(participant_id):
            if record.status != "ended":
                self.rehearsal.end(record.id)
        with Session(self.engine) as db:
            enrolment = db.get(EnrolmentRecord, participant_id)
            if enrolment is None or enrolment.consent != ConsentDecision.agreed:
                raise EnrolmentError("only someone taking part can withdraw")
            if enrolment.withdrawn_at is None:
                enrolment.withdrawn_at = utc_now()
                enrolment.current_step = None
                db.add(enrolment)
                db.commit()

    def record(self, participant_id: str) -> EnrolmentRecord | None:
        with Session(self.engine) as db:
            return db.get(EnrolmentRecord, participant_id)

    # the sequence ------------------------------------------------------------------------------
    def _sessions(self, participant_id: str) -> list[RehearsalSession]:
        with Session(self.engine) as db:
            return list(
                db.exec(
                    select(RehearsalSession)
                    .where(RehearsalSession.learner_id == participant_id, RehearsalSession.study_id == self.study.id)
                    .order_by(col(RehearsalSession.started_at))
                ).all()
            )

    def completed_steps(self, participant_id: str) -> list[str]:
        return [step.id for step in self.study.sequence[: self.position(participant_id).number - 1]]

    def position(self, participant_id: str) -> Position:
        """The first step not yet done, and what it waits for: a step is done once its
        conversation has ended and, where the step has surveys, both surveys are answered (no
        survey follows a conversation the crisis check stopped). Saved on the enrolment record."""
        sessions = self._sessions(participant_id)
        latest = {record.step_id: record for record in sessions}  # ordered by start: the newest wins
        ids = [record.id for record in sessions]
        with Session(self.engine) as db:
            answered = surveys_answered(db, ids)
        position = Position(None, None, None, len(self.study.sequence) + 1)
        for number, step in enumerate(self.study.sequence, start=1):
            record = latest.get(step.id)
            phase = self._phase(step, record, answered)
            if phase is not None:
                position = Position(step, phase, record.id if record else None, number)
                break
        self._save_position(participant_id, position)
        return position

    @staticmethod
    def _phase(step: Step, record: RehearsalSession | None, answered: set[tuple[str, str]]) -> StepPhase | None:
        if record is None:
            return StepPhase.pre_survey if step.surveys else StepPhase.conversation
        if step.surveys and (record.id, "pre") not in answered and record.status != "ended":
            return StepPhase.pre_survey
        if record.status != "ended":
            return StepPhase.conversation
        if step.surveys and record.outcome != "crisis" and (record.id, "post") not in answered:
            return StepPhase.post_survey
        return None

    def _save_position(self, participant_id: str, position: Position) -> None:
        with Session(self.engine) as db:
            record = db.get(EnrolmentRecord, participant_id)
            if record is None or record.consent != ConsentDecision.agreed or record.withdrawn_at is not None:
                return
            step = position.step.id if position.step else None
            done = position.step is None
            if record.current_step != step or (done and record.completed_at is None):
                record.current_step = step
                record.completed_at = record.completed_at or (utc_now() if done else None)
                db.add(record)
                db.commit()

    def next_step(self, participant_id: str) -> Step | None:
        return self.position(participant_id).step

    def feedback_for(self, arm_id: str, step: Step) -> bool:
        return self.study.arm(arm_id).feedback and step.feedback == "arm"

    def start_step(self, enrolment: Enrolment, step: Step) -> SessionStatus:
        return self.rehearsal.start(
            step.scenario,
            learner_id=enrolment.participant_id,
            feedback_shown=self.feedback_for(enrolment.arm, step),
            study_id=self.study.id,
            step_id=step.id,
            max_turns=self.study.max_turns,
        )


def surveys_answered(db: Session, session_ids: list[str]) -> set[tuple[str, str]]:
    """(session id, phase) of every survey answered in these sessions."""
    if not session_ids:
        return set()
    rows = db.exec(
        select(SurveyAnswer.session_id, SurveyAnswer.phase)
        .where(col(SurveyAnswer.session_id).in_(session_ids))
        .distinct()
    ).all()
    return set(rows)
