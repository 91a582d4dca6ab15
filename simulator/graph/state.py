"""The typed state of one rehearsal, as checkpointed by LangGraph after every step.

Plain JSON-like values only, so any checkpointer (SQLite, PostgreSQL) can store it.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class ChatMessage(TypedDict):
    role: str  # "partner" | "learner"
    content: str
    safety: NotRequired[str]  # "crisis" | "check_in": a learner line the partner never saw


class SessionState(TypedDict, total=False):
    session_id: str
    scenario_hash: str
    branch: int
    turn: int  # learner turns completed
    openness: int
    openness_before: int  # openness when this turn began
    strong_counts: dict[str, int]
    messages: list[ChatMessage]
    skill_history: list[dict[str, str]]  # per completed turn: skill -> level
    pending_text: str | None  # the learner turn being processed
    ratings: list[dict[str, Any]]  # this turn's ratings
    coach: dict[str, Any] | None
    changes: list[str]  # this turn's openness reasons
    outcome: str | None  # an Outcome value
    learner_move: str | None  # this turn's LearnerMove value
    no_gain: str | None  # "verbatim" | "salad": this turn earns no openness
    terms: str | None  # what the learner last asked for or offered, in the partner's words
    safety: str | None  # this turn's crisis-check verdict when it was not "none": "crisis" | "check_in"
    feedback_shown: bool  # False: ratings are kept for research but no coach runs and nothing is shown
    max_turns: int | None  # a study's override of the scenario's turn limit
