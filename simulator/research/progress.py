"""A learner's progress across sessions: self-efficacy and emotions before and after each
session, skill mastery per skill over sessions, the skills that keep coming out weak, and the
scenario that practises them next. Numbers as they are: no praise, no consolation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session, select

from feedback.surveys import LEVEL_POINTS
from scenarios.loader import Library
from simulator.storage.models import RatingRecord, RehearsalSession, SurveyAnswer

RECENT_SESSIONS = 5
WEAK_SHARE = 0.5  # a skill is recurring-weak if it stayed below strong in at least half the recent sessions


@dataclass
class SessionPoint:
    session_id: str
    scenario_id: str
    started_at: str
    outcome: str | None
    mastery: float | None
    pre: dict[str, int] = field(default_factory=dict)
    post: dict[str, int] = field(default_factory=dict)
    skills: dict[str, int] = field(default_factory=dict)  # best level reached: 0, 1, 2


@dataclass
class Progress:
    learner_id: str
    sessions: list[SessionPoint]
    recurring_weak: list[str]
    next_scenario: str | None


def learner_progress(engine, learner_id: str, library: Library) -> Progress:
    with Session(engine) as db:
        records = db.exec(
            select(RehearsalSession)
            .where(RehearsalSession.learner_id == learner_id)
            .order_by(RehearsalSession.started_at)  # type: ignore[arg-type]
        ).all()
        ids = [r.id for r in records]
        answers = db.exec(select(SurveyAnswer).where(SurveyAnswer.session_id.in_(ids))).all() if ids else []  # type: ignore[attr-defined]
        ratings = db.exec(select(RatingRecord).where(RatingRecord.session_id.in_(ids))).all() if ids else []  # type: ignore[attr-defined]
    points = {r.id: SessionPoint(r.id, r.scenario_id, r.started_at.isoformat(), r.outcome, r.mastery) for r in records}
    for answer in answers:
        getattr(points[answer.session_id], answer.phase)[answer.item] = answer.value
    for rating in ratings:
        skills = points[rating.session_id].skills
        skills[rating.skill] = max(skills.get(rating.skill, 0), LEVEL_POINTS.get(rating.level, 0))
    ordered = [points[i] for i in ids]
    weak = recurring_weak_skills(ordered)
    return Progress(learner_id, ordered, weak, next_scenario_for(weak, ordered, library))


def recurring_weak_skills(sessions: list[SessionPoint]) -> list[str]:
    recent = [s for s in sessions if s.skills][-RECENT_SESSIONS:]
    if not recent:
        return []
    below = Counter(skill for s in recent for skill, points in s.skills.items() if points < 2)
    seen = Counter(skill for s in recent for skill in s.skills)
    weak = [skill for skill, count in below.items() if count / seen[skill] >= WEAK_SHARE]
    return sorted(weak, key=lambda skill: (-below[skill] / seen[skill], skill))


def next_scenario_for(weak: list[str], sessions: list[SessionPoint], library: Library) -> str | None:
    """The scenario that puts the most recurring-weak skills in play, fewest attempts first,
    easier before harder."""
    if not library.scenarios:
        return None
    attempts = Counter(s.scenario_id for s in sessions)
    difficulty = {"easy": 0, "moderate": 1, "hard": 2}

    def rank(loaded):
        scenario = loaded.scenario
        covered = sum(1 for skill in weak if skill in scenario.skills)
        return (-covered, attempts[scenario.id], difficulty[scenario.partner.difficulty.value], scenario.id)

    return min(library.scenarios.values(), key=rank).id
