"""Running a study: enrolment codes, consent, arm assignment (once, for good), and the next step
of the sequence with the right feedback setting."""

from __future__ import annotations

import random
import secrets
import uuid
from dataclasses import dataclass

from sqlmodel import Session, func, select

from scenarios.study_schema import Step, Study
from simulator.research.randomization import arm_for
from simulator.runtime import Rehearsal, SessionStatus
from simulator.storage.models import Participant, RehearsalSession, utc_now

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I


class EnrolmentError(ValueError):
    pass


@dataclass(frozen=True)
class Enrolment:
    participant_id: str
    code: str
    arm: str
    position: int
    block: int


def make_codes(count: int, rng: random.Random | None = None, length: int = 8) -> list[str]:
    draw = (lambda: rng.choice(CODE_ALPHABET)) if rng else (lambda: secrets.choice(CODE_ALPHABET))
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(draw() for _ in range(length)))
    return sorted(codes)


class StudyRunner:
    def __init__(self, rehearsal: Rehearsal, study: Study):
        self.rehearsal = rehearsal
        self.study = study
        self.engine = rehearsal.store.engine

    def issue_codes(self, count: int, rng: random.Random | None = None) -> list[str]:
        """Enrolment codes for participants to type in; each works once."""
        codes = make_codes(count, rng)
        with Session(self.engine) as db:
            for code in codes:
                db.add(Participant(id=uuid.uuid4().hex, study_id=self.study.id, code=code))
            db.commit()
        return codes

    def enrol(self, code: str, consent: bool) -> Enrolment:
        """Assign the participant holding `code` to an arm; asking again returns the same arm."""
        code = code.strip().upper()
        with Session(self.engine) as db:
            participant = db.exec(select(Participant).where(Participant.study_id == self.study.id,
                                                            Participant.code == code)).first()
            if participant is None:
                raise EnrolmentError(f"the code '{code}' is not valid for this study; check it with the researcher")
            if participant.arm is None:
                if not consent:
                    raise EnrolmentError("taking part needs your consent; read the text and tick the box to continue")
                position = db.exec(select(func.count()).select_from(Participant).where(
                    Participant.study_id == self.study.id, Participant.arm.is_not(None))).one()  # type: ignore[union-attr]
                participant.arm, participant.block = arm_for(self.study, position)
                participant.position = position
                participant.consented_at = participant.enrolled_at = utc_now()
                db.add(participant)
                db.commit()
                db.refresh(participant)
            return Enrolment(participant.id, participant.code, participant.arm, participant.position or 0,
                             participant.block or 0)

    def completed_steps(self, participant_id: str) -> list[str]:
        with Session(self.engine) as db:
            rows = db.exec(select(RehearsalSession.step_id).where(
                RehearsalSession.learner_id == participant_id, RehearsalSession.study_id == self.study.id,
                RehearsalSession.status == "ended")).all()
        return [r for r in rows if r]

    def next_step(self, participant_id: str) -> Step | None:
        done = set(self.completed_steps(participant_id))
        return next((step for step in self.study.sequence if step.id not in done), None)

    def start_step(self, enrolment: Enrolment, step: Step) -> SessionStatus:
        arm = self.study.arm(enrolment.arm)
        feedback = arm.feedback and step.feedback == "arm"
        return self.rehearsal.start(step.scenario, learner_id=enrolment.participant_id, feedback_shown=feedback,
                                    study_id=self.study.id, step_id=step.id, max_turns=self.study.max_turns)
