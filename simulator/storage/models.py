"""The application database: the record of every session, turn, rating and partner change."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class Learner(SQLModel, table=True):
    id: str = Field(primary_key=True)
    display_name: str = ""
    created_at: datetime = Field(default_factory=utc_now)


class ScenarioSnapshot(SQLModel, table=True):
    """The scenario exactly as a session used it, so records stay readable after edits."""

    __tablename__ = "scenario_snapshots"

    hash: str = Field(primary_key=True)
    scenario_id: str = Field(index=True)
    content: dict = Field(sa_column=Column(JSON))
    saved_at: datetime = Field(default_factory=utc_now)


class RehearsalSession(SQLModel, table=True):
    __tablename__ = "sessions"

    id: str = Field(primary_key=True)
    learner_id: str = Field(index=True)
    scenario_id: str = Field(index=True)
    scenario_hash: str
    scenario_title: str = ""
    rater: str = "knn"
    partner_backend: str = "scripted"
    status: str = Field(default="active", index=True)  # active | ended
    outcome: str | None = None
    final_openness: int | None = None
    active_branch: int = 0
    feedback_shown: bool = True  # False in evaluation chats and simulation-only arms: no ratings shown, no coach
    study_id: str | None = Field(default=None, index=True)
    step_id: str | None = None
    mastery: float | None = None  # mean over skills in play of the best level reached (strong 2, weak 1, none 0)
    values_emotion: str | None = None  # the strong emotion the learner reflected on before the session
    values_note: str | None = None  # what that feeling says about what matters to them here
    values_honoured: str | None = None  # their answer in the debrief: did the conversation honour it?
    started_at: datetime = Field(default_factory=utc_now)
    ended_at: datetime | None = None


class SessionBranch(SQLModel, table=True):
    """A "do it again from here": the session continues on `branch`, which shares the turns of
    `parent_branch` before `from_turn`. The old branch stays in the record untouched."""

    __tablename__ = "session_branches"
    __table_args__ = (UniqueConstraint("session_id", "branch"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(index=True, foreign_key="sessions.id")
    branch: int
    parent_branch: int
    from_turn: int
    parent_outcome: str | None = None  # how the parent branch had ended, if it had
    created_at: datetime = Field(default_factory=utc_now)


class Turn(SQLModel, table=True):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "branch", "index"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(index=True, foreign_key="sessions.id")
    branch: int = 0
    index: int
    learner_text: str
    partner_text: str | None = None
    status: str = "pending"  # pending | done | crisis | check_in (neither rated nor answered)
    openness_before: int | None = None
    openness_after: int | None = None
    band: str | None = None
    coach_text: str | None = None
    learner_move: str | None = None  # what the turn did: question, offer, request, give_in, ...
    created_at: datetime = Field(default_factory=utc_now)
    completed_at: datetime | None = None


class RatingRecord(SQLModel, table=True):
    __tablename__ = "ratings"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(index=True, foreign_key="sessions.id")
    branch: int = 0
    turn_index: int
    skill: str
    level: str
    score: float
    evidence: str
    nearest_strong: str | None = None
    nearest_weak: str | None = None
    reason: str = ""
    rewrite: str | None = None
    rater: str = "knn"
    note: str | None = None


class PartnerStateRecord(SQLModel, table=True):
    __tablename__ = "partner_states"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(index=True, foreign_key="sessions.id")
    branch: int = 0
    turn_index: int
    openness: int
    band: str
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON))


class CoachEvent(SQLModel, table=True):
    __tablename__ = "coach_events"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(index=True, foreign_key="sessions.id")
    branch: int = 0
    turn_index: int
    spoke: bool
    focus_skill: str | None = None
    next_skill: str | None = None
    text: str = ""


class Participant(SQLModel, table=True):
    """A study participant: an enrolment code, assigned once to an arm by block randomization."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("study_id", "code"), UniqueConstraint("study_id", "position"))

    id: str = Field(primary_key=True)  # also the learner id of the participant's sessions
    study_id: str = Field(index=True)
    code: str
    arm: str | None = None
    position: int | None = None  # enrolment order within the study
    block: int | None = None
    consented_at: datetime | None = None
    enrolled_at: datetime | None = None


class EnrolmentRecord(SQLModel, table=True):
    """Where a participant stands in a study: consent (agreed or declined, and when), the step
    they are on, completion and withdrawal. Test participants pilot the flow; their data stays
    out of exports and reports unless asked for. A decline stores only the decision and its time."""

    __tablename__ = "enrolments"

    participant_id: str = Field(primary_key=True, foreign_key="participants.id")
    study_id: str = Field(index=True)
    test_participant: bool = False
    consent: str | None = None  # agreed | declined
    consent_at: datetime | None = None
    current_step: str | None = None  # the step id they are on; None before consent and once done
    completed_at: datetime | None = None
    withdrawn_at: datetime | None = None


class SurveyAnswer(SQLModel, table=True):
    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("session_id", "phase", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(index=True, foreign_key="sessions.id")
    learner_id: str = Field(index=True)
    phase: str  # pre | post
    item: str
    value: int
    answered_at: datetime = Field(default_factory=utc_now)


class Account(SQLModel, table=True):
    """Someone who signs in: a learner, an instructor or a researcher. The username is also the
    learner id of their sessions. `password_hash` is empty for accounts that sign in through a
    trusted proxy header."""

    __tablename__ = "accounts"

    username: str = Field(primary_key=True)
    role: str = Field(index=True)  # learner | instructor | researcher
    display_name: str = ""
    password_hash: str | None = None
    disabled: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    last_sign_in_at: datetime | None = None


class SignIn(SQLModel, table=True):
    """A browser's signed-in session. Only a hash of the cookie token is stored."""

    __tablename__ = "sign_ins"

    token_hash: str = Field(primary_key=True)
    username: str = Field(index=True, foreign_key="accounts.username")
    created_at: datetime = Field(default_factory=utc_now)
    expires_at: datetime = Field(index=True)
    last_seen_at: datetime = Field(default_factory=utc_now)


class SignInThrottle(SQLModel, table=True):
    """Wrong passwords for one account from one client (the address the sign-in came from).
    Kept in the database, so every replica and every restart counts the same attempts."""

    __tablename__ = "sign_in_throttles"

    username: str = Field(primary_key=True)  # also names that match no account: nothing is revealed
    client: str = Field(primary_key=True)
    failures: int = 0  # an attempt counts as wrong until its password proves right
    last_failure_at: datetime = Field(default_factory=utc_now)
    next_try_at: datetime | None = None  # once past the free tries: no password is checked before this


class TurnLease(SQLModel, table=True):
    """Who is running a turn of a session now, held in the record so that every replica sees it:
    one turn at a time per session, whichever process the request reached. The holder renews the
    lease while the turn runs and deletes the row when done; a crashed holder's lease expires."""

    __tablename__ = "turn_leases"

    session_id: str = Field(primary_key=True)
    holder: str  # one id per acquisition: only its holder renews or removes it
    expires_at: datetime
