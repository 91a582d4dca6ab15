"""Where a study stands, for the researcher's dashboard: per participant (under their export
pseudonym) the arm, consent, the step they are on, the surveys still missing and the sessions
the crisis check flagged; and the totals per arm and per step. Codes never appear."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from simulator.research.studies import ParticipationStatus, StudyRunner, status_of, surveys_answered
from simulator.storage.models import (
    EnrolmentRecord,
    Participant,
    RehearsalSession,
    Turn,
)

SAFETY_STATUSES = ("crisis", "check_in")


@dataclass(frozen=True)
class ParticipantLine:
    participant: str  # pseudonym
    test_participant: bool
    status: ParticipationStatus
    arm: str | None
    consent_at: datetime | None
    current_step: str | None
    steps_done: int
    missing_surveys: list[str]  # "step: pre" / "step: post"
    crisis_flags: list[str]  # "step: crisis" / "step: check-in"
    withdrawn_at: datetime | None


@dataclass
class StudyOverview:
    participants: list[ParticipantLine]
    arms: list[str]
    steps: list[str]
    enrolled: Counter[str] = field(default_factory=Counter)  # arm -> agreed (withdrawn included)
    completed: Counter[str] = field(default_factory=Counter)  # arm -> completed
    withdrawn: Counter[str] = field(default_factory=Counter)
    reached: Counter[str] = field(default_factory=Counter)  # step -> participants who finished it
    on_step: Counter[str] = field(default_factory=Counter)  # step -> participants on it now
    declined: int = 0
    unused_codes: int = 0

    @property
    def missing_surveys(self) -> int:
        return sum(len(line.missing_surveys) for line in self.participants)

    @property
    def crisis_flags(self) -> int:
        return sum(len(line.crisis_flags) for line in self.participants)


def study_overview(runner: StudyRunner, pseudonym: Callable[[str], str], test: bool = False) -> StudyOverview:
    """Live participants, or with `test` the test participants alone (kept apart)."""
    study = runner.study
    with Session(runner.engine) as db:
        rows = db.exec(
            select(Participant, EnrolmentRecord)
            .join(EnrolmentRecord, col(EnrolmentRecord.participant_id) == col(Participant.id), isouter=True)
            .where(Participant.study_id == study.id)
        ).all()
        sessions = db.exec(select(RehearsalSession).where(RehearsalSession.study_id == study.id)).all()
        ids = [s.id for s in sessions]
        answered = surveys_answered(db, ids)
        flagged = (
            db.exec(
                select(Turn.session_id, Turn.status).where(
                    col(Turn.session_id).in_(ids), col(Turn.status).in_(SAFETY_STATUSES)
                )
            ).all()
            if ids
            else []
        )
    flags: dict[str, set[str]] = {}
    for session_id, status in flagged:
        flags.setdefault(session_id, set()).add(status.replace("_", "-"))
    by_participant: dict[str, list[RehearsalSession]] = {}
    for record in sorted(sessions, key=lambda s: s.started_at):
        by_participant.setdefault(record.learner_id, []).append(record)
    steps = {step.id: step for step in study.sequence}
    overview = StudyOverview([], [arm.id for arm in study.arms], list(steps))
    for participant, enrolment in rows:
        if bool(enrolment and enrolment.test_participant) != test:
            continue
        status = status_of(enrolment)
        if status == ParticipationStatus.issued:
            overview.unused_codes += 1
            continue
        if status == ParticipationStatus.declined:
            overview.declined += 1
            continue
        own = by_participant.get(participant.id, [])
        missing, crises = [], []
        for record in own:
            step = steps.get(record.step_id or "")
            if step is None:
                continue
            if outcome_flags := flags.get(record.id, set()) | ({"crisis"} if record.outcome == "crisis" else set()):
                crises.append(f"{step.id}: {', '.join(sorted(outcome_flags))}")
            if step.surveys and (record.id, "pre") not in answered:
                missing.append(f"{step.id}: pre")
            if (
                step.surveys
                and record.status == "ended"
                and record.outcome != "crisis"
                and (record.id, "post") not in answered
            ):
                missing.append(f"{step.id}: post")
        position = runner.position(participant.id) if status == ParticipationStatus.in_progress else None
        done = (
            len(study.sequence)
            if status == ParticipationStatus.completed
            else (position.number - 1 if position else len({r.step_id for r in own if r.status == "ended"}))
        )
        arm = participant.arm
        overview.enrolled[arm or ""] += 1
        overview.completed[arm or ""] += status == ParticipationStatus.completed
        overview.withdrawn[arm or ""] += status == ParticipationStatus.withdrawn
        for step_id in list(steps)[:done]:
            overview.reached[step_id] += 1
        if position and position.step:
            overview.on_step[position.step.id] += 1
        overview.participants.append(
            ParticipantLine(
                pseudonym(participant.id),
                bool(enrolment and enrolment.test_participant),
                status,
                arm,
                enrolment.consent_at if enrolment else None,
                position.step.id if position and position.step else None,
                done,
                missing,
                crises,
                enrolment.withdrawn_at if enrolment else None,
            )
        )
    overview.participants.sort(key=lambda line: line.participant)
    return overview
