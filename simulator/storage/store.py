"""Reads and writes of the session record. Writes are idempotent per (session, branch, turn),
so a graph node that re-runs after a crash leaves one copy of everything."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from scenarios.loader import LoadedScenario
from scenarios.schema import Scenario
from simulator.storage.database import make_engine  # noqa: F401  (callers import it from here)
from simulator.storage.migrate import upgrade
from simulator.storage.models import (
    CoachEvent,
    Learner,
    PartnerStateRecord,
    RatingRecord,
    RehearsalSession,
    ScenarioSnapshot,
    SessionBranch,
    SurveyAnswer,
    Turn,
    utc_now,
)


@dataclass(frozen=True)
class TurnView:
    index: int
    learner_text: str
    partner_text: str | None
    status: str
    openness_after: int | None
    band: str | None
    coach_text: str | None
    ratings: list[RatingRecord]
    reasons: list[str]
    branch: int = 0
    learner_move: str | None = None


class SessionStore:
    def __init__(self, engine: Engine):
        self.engine = engine
        upgrade(engine)  # the newest schema, migrated once even when several processes start together
        self._scenarios: dict[str, Scenario] = {}

    # scenarios -----------------------------------------------------------------------------
    def save_snapshot(self, loaded: LoadedScenario) -> None:
        if loaded.content_hash in self._scenarios:
            return
        with Session(self.engine) as db:
            if db.get(ScenarioSnapshot, loaded.content_hash) is None:
                db.add(
                    ScenarioSnapshot(
                        hash=loaded.content_hash, scenario_id=loaded.id, content=loaded.scenario.model_dump(mode="json")
                    )
                )
                try:
                    db.commit()
                except IntegrityError:  # another learner started the same scenario at the same moment
                    db.rollback()
        self._scenarios[loaded.content_hash] = loaded.scenario

    def scenario(self, content_hash: str) -> Scenario:
        if content_hash not in self._scenarios:
            with Session(self.engine) as db:
                snapshot = db.get(ScenarioSnapshot, content_hash)
                if snapshot is None:
                    raise LookupError(f"no stored scenario with content hash {content_hash[:12]}")
                self._scenarios[content_hash] = Scenario.model_validate(snapshot.content)
        return self._scenarios[content_hash]

    # sessions ------------------------------------------------------------------------------
    def create_session(
        self, session_id: str, learner_id: str, loaded: LoadedScenario, rater: str, partner: str, **extra: Any
    ) -> None:
        self.save_snapshot(loaded)
        self._ensure_learner(learner_id)
        with Session(self.engine) as db:
            db.add(
                RehearsalSession(
                    id=session_id,
                    learner_id=learner_id,
                    scenario_id=loaded.id,
                    scenario_hash=loaded.content_hash,
                    scenario_title=loaded.scenario.title,
                    rater=rater,
                    partner_backend=partner,
                    **extra,
                )
            )
            db.commit()

    def _ensure_learner(self, learner_id: str) -> None:
        with Session(self.engine) as db:
            if db.get(Learner, learner_id) is None:
                db.add(Learner(id=learner_id))
                try:
                    db.commit()
                except IntegrityError:  # the same learner started twice at once (a double click, two tabs)
                    db.rollback()

    def update_session(self, session_id: str, **fields: Any) -> None:
        with Session(self.engine) as db:
            record = db.get(RehearsalSession, session_id)
            if record is None:
                raise KeyError(f"no session '{session_id}'")
            for name, value in fields.items():
                setattr(record, name, value)
            db.add(record)
            db.commit()

    def record_survey(self, session_id: str, learner_id: str, phase: str, values: dict[str, int]) -> None:
        """Store answers as given; answering again replaces that phase's earlier answers."""
        with Session(self.engine) as db:
            db.exec(delete(SurveyAnswer).where(SurveyAnswer.session_id == session_id, SurveyAnswer.phase == phase))  # type: ignore[arg-type]
            db.add_all(
                SurveyAnswer(session_id=session_id, learner_id=learner_id, phase=phase, item=item, value=value)
                for item, value in values.items()
            )
            db.commit()

    def survey(self, session_id: str, phase: str) -> dict[str, int]:
        with Session(self.engine) as db:
            rows = db.exec(
                select(SurveyAnswer).where(SurveyAnswer.session_id == session_id, SurveyAnswer.phase == phase)
            )
            return {row.item: row.value for row in rows}

    def get_session(self, session_id: str) -> RehearsalSession | None:
        with Session(self.engine) as db:
            return db.get(RehearsalSession, session_id)

    def sessions(self, status: str | None = None, learner_id: str | None = None) -> list[RehearsalSession]:
        with Session(self.engine) as db:
            query = select(RehearsalSession).order_by(RehearsalSession.started_at.desc())  # type: ignore[attr-defined]
            if status:
                query = query.where(RehearsalSession.status == status)
            if learner_id:
                query = query.where(RehearsalSession.learner_id == learner_id)
            return list(db.exec(query))

    def end_session(self, session_id: str, outcome: str, openness: int | None, mastery: float | None = None) -> None:
        with Session(self.engine) as db:
            record = db.get(RehearsalSession, session_id)
            if record is None or record.status == "ended":
                return
            record.status, record.outcome, record.final_openness, record.ended_at = (
                "ended",
                outcome,
                openness,
                utc_now(),
            )
            record.mastery = mastery
            db.add(record)
            db.commit()

    def reopen_session(self, session_id: str) -> None:
        with Session(self.engine) as db:
            record = db.get(RehearsalSession, session_id)
            if record is not None and record.status == "ended":
                record.status, record.outcome, record.ended_at = "active", None, None
                db.add(record)
                db.commit()

    # turns ---------------------------------------------------------------------------------
    def record_pending(self, session_id: str, branch: int, index: int, text: str) -> None:
        """Keep what the learner typed before any processing, so a crash cannot lose it."""
        with Session(self.engine) as db:
            turn = self._turn(db, session_id, branch, index)
            if turn is None:
                db.add(Turn(session_id=session_id, branch=branch, index=index, learner_text=text))
            elif turn.status == "pending":
                turn.learner_text = text
                db.add(turn)
            db.commit()

    def pending_text(self, session_id: str, branch: int, index: int) -> str | None:
        with Session(self.engine) as db:
            turn = self._turn(db, session_id, branch, index)
            return turn.learner_text if turn is not None and turn.status == "pending" else None

    def record_turn(self, state: Mapping[str, Any], band: str, safety: str | None = None) -> None:
        """The finished turn, with the partner's `band` after it (the partner's logic names it; the
        record only keeps it); `safety` ("crisis" | "check_in") marks one that was neither rated
        nor answered, and becomes its status."""
        session_id, branch, index = state["session_id"], state.get("branch", 0), state["turn"] + 1
        with Session(self.engine) as db:
            turn = self._turn(db, session_id, branch, index) or Turn(
                session_id=session_id, branch=branch, index=index, learner_text=state["pending_text"] or ""
            )
            rerun = turn.status != "pending"
            turn.learner_text = state["pending_text"] or turn.learner_text
            turn.status = safety or "done"
            turn.completed_at = utc_now()
            if not safety:
                coach = state.get("coach") or {}
                turn.partner_text = state["messages"][-1]["content"]
                turn.openness_before = state.get("openness_before")
                turn.openness_after = state["openness"]
                turn.band = band
                turn.coach_text = coach.get("text") or None
                turn.learner_move = state.get("learner_move")
            db.add(turn)
            if rerun:  # this turn was recorded before (a crash after its record): replace that
                for table in (RatingRecord, PartnerStateRecord, CoachEvent):
                    db.exec(
                        delete(table).where(
                            table.session_id == session_id, table.branch == branch, table.turn_index == index
                        )
                    )
            if not safety:
                rows = [
                    {"session_id": session_id, "branch": branch, "turn_index": index, **_rating_fields(r)}
                    for r in state.get("ratings") or []
                ]
                if rows:
                    db.execute(insert(RatingRecord), rows)
                db.add(
                    PartnerStateRecord(
                        session_id=session_id,
                        branch=branch,
                        turn_index=index,
                        openness=state["openness"],
                        band=band,
                        reasons=list(state.get("changes") or []),
                    )
                )
                coach = state.get("coach")
                if coach is not None:  # no coach runs when feedback is hidden
                    db.add(
                        CoachEvent(
                            session_id=session_id,
                            branch=branch,
                            turn_index=index,
                            spoke=bool(coach.get("spoke")),
                            focus_skill=coach.get("focus_skill"),
                            next_skill=coach.get("next_skill"),
                            text=coach.get("text") or "",
                        )
                    )
            db.commit()

    def turns(self, session_id: str, branch: int | None = None) -> list[TurnView]:
        """The transcript of `branch` (default: the active one), earlier turns from its parents included."""
        with Session(self.engine) as db:
            if branch is None:
                record = db.get(RehearsalSession, session_id)
                branch = record.active_branch if record else 0
            visible = self._lineage(db, session_id, branch)
            rows = db.exec(select(Turn).where(Turn.session_id == session_id).order_by(Turn.index)).all()  # type: ignore[arg-type]
            ratings = db.exec(select(RatingRecord).where(RatingRecord.session_id == session_id)).all()
            states = db.exec(select(PartnerStateRecord).where(PartnerStateRecord.session_id == session_id)).all()
        keep = lambda b, i: b in visible and i < visible[b]
        reasons = {(s.branch, s.turn_index): list(s.reasons) for s in states}
        return [
            TurnView(
                t.index,
                t.learner_text,
                t.partner_text,
                t.status,
                t.openness_after,
                t.band,
                t.coach_text,
                [r for r in ratings if r.branch == t.branch and r.turn_index == t.index],
                reasons.get((t.branch, t.index), []),
                t.branch,
                t.learner_move,
            )
            for t in rows
            if keep(t.branch, t.index)
        ]

    def create_branch(
        self, session_id: str, parent_branch: int, from_turn: int, parent_outcome: str | None = None
    ) -> int:
        with Session(self.engine) as db:
            existing = db.exec(select(SessionBranch.branch).where(SessionBranch.session_id == session_id)).all()
            branch = max([0, *existing]) + 1
            db.add(
                SessionBranch(
                    session_id=session_id,
                    branch=branch,
                    parent_branch=parent_branch,
                    from_turn=from_turn,
                    parent_outcome=parent_outcome,
                )
            )
            record = db.get(RehearsalSession, session_id)
            if record is not None:
                record.active_branch = branch
                db.add(record)
            db.commit()
            return branch

    def branches(self, session_id: str) -> list[SessionBranch]:
        with Session(self.engine) as db:
            return list(
                db.exec(
                    select(SessionBranch).where(SessionBranch.session_id == session_id).order_by(SessionBranch.branch)  # type: ignore[arg-type]
                )
            )

    def coach_spoke(self, session_id: str) -> list[bool]:
        """For each turn of the active branch, whether the coach spoke: the row of ticks."""
        with Session(self.engine) as db:
            record = db.get(RehearsalSession, session_id)
            visible = self._lineage(db, session_id, record.active_branch if record else 0)
            rows = db.exec(
                select(Turn.branch, Turn.index, Turn.coach_text)
                .where(Turn.session_id == session_id)
                .order_by(col(Turn.index))
            ).all()
        return [coach is not None for branch, index, coach in rows if branch in visible and index < visible[branch]]

    @staticmethod
    def _lineage(db: Session, session_id: str, branch: int) -> dict[int, float]:
        """branch -> first turn index NOT taken from it, walking up to branch 0."""
        forks = {b.branch: b for b in db.exec(select(SessionBranch).where(SessionBranch.session_id == session_id))}
        visible: dict[int, float] = {branch: float("inf")}
        while branch in forks:
            fork = forks[branch]
            visible[fork.parent_branch] = fork.from_turn
            branch = fork.parent_branch
        return visible

    @staticmethod
    def _turn(db: Session, session_id: str, branch: int, index: int) -> Turn | None:
        return db.exec(
            select(Turn).where(Turn.session_id == session_id, Turn.branch == branch, Turn.index == index)
        ).first()


_RATING_FIELDS = (
    "skill",
    "level",
    "score",
    "evidence",
    "nearest_strong",
    "nearest_weak",
    "reason",
    "rewrite",
    "rater",
    "note",
)


def _rating_fields(rating: dict[str, Any]) -> dict[str, Any]:
    return {name: rating.get(name) for name in _RATING_FIELDS}
