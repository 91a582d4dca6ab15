"""What the practise page shows for one session, as values keyed by component; shared by the
pages that open a session (practise, and debrief's "do it again from this turn")."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

import gradio as gr

from feedback.presentation import coach_panel, openness_panel, ratings_table
from feedback.surveys import SURVEY_ITEMS
from simulator.runtime import SessionStatus
from simulator.web.handlers import Pages
from simulator.web.views import alert, safety_mark, safety_notice, session_brief

CRISIS, ENDED_BY_LEARNER = "crisis", "ended_by_learner"


@dataclass
class SessionView:
    """The session's values, in the order the HTTP API has always returned them."""

    session_id: str
    chat: list[dict[str, Any]]
    ratings: str
    coach: str
    openness: str
    notice: str
    phase: str  # "", active, retry, paused, ended or crisis: the layout follows it
    session_heading: str


@dataclass
class Forms:
    """Per-session forms; answers belong to one session and never carry over to the next."""

    pre_items: list[Any] = field(default_factory=lambda: [None] * len(SURVEY_ITEMS))
    values_note: Any = field(default_factory=lambda: gr.update(value="", visible=False))
    post_items: list[Any] = field(default_factory=lambda: [None] * len(SURVEY_ITEMS))
    honoured: Any = None
    post_saved: str = ""


def chat_history(status: SessionStatus, partial: str | None = None) -> list[dict[str, Any]]:
    history: list[dict[str, Any]] = []
    for m in status.messages:
        history.append({"role": "assistant" if m["role"] == "partner" else "user", "content": m["content"]})
        if m.get("safety"):  # out of role: mark where the role-play paused or stopped
            history.append(safety_mark(m["safety"]))
    if partial is not None:
        history.append({"role": "assistant", "content": partial})
    return history


def panels(pages: Pages, status: SessionStatus) -> tuple[str, str, str]:
    """Ratings, coach and openness for the last turn, skill names from the catalog (packs too)."""
    skills = pages.rehearsal.catalog.skills
    turn = status.last_turn
    spoke = pages.store.coach_spoke(status.session_id)
    if turn is None or not turn.feedback_shown:
        return (
            ratings_table([], skills),
            coach_panel({}, spoke, skills),
            openness_panel(status.openness, status.band, []),
        )
    return (
        ratings_table(turn.ratings, skills),
        coach_panel(turn.coach, spoke, skills),
        openness_panel(turn.openness, turn.band, turn.changes),
    )


def notice_for(pages: Pages, status: SessionStatus) -> str:
    resources = pages.rehearsal.crisis_resources.lines()
    if status.outcome == CRISIS:
        return safety_notice("crisis", resources)
    if status.paused:
        return safety_notice("check_in", resources)
    if status.outcome:
        return (
            f"<p role='status'><strong>Session ended:</strong> "
            f"{escape(str(status.outcome).replace('_', ' '))}. "
            "Answer the questions below, then open the debrief.</p>"
        )
    if status.needs_recovery:
        return alert("Your last turn was saved but not finished. Press Retry.")
    return ""


def heading(pages: Pages, status: SessionStatus) -> str:
    """The brief, in view for the whole rehearsal: situation, goal, what the learner knows, and
    their own note on what matters."""
    record = pages.store.get_session(status.session_id)
    if record is None:
        return f"<h2>{escape(status.scenario_id)}</h2>"
    return f"<h2>{escape(record.scenario_title)}</h2>" + session_brief(
        pages.store.scenario(record.scenario_hash), record.values_note, record.values_emotion
    )


def phase_of(status: SessionStatus) -> str:
    if status.outcome:
        return CRISIS if status.outcome == CRISIS else "ended"  # no survey after a crisis
    return "retry" if status.needs_recovery else "paused" if status.paused else "active"


def show(pages: Pages, status: SessionStatus, notice: str | None = None) -> SessionView:
    """Every practise value for `status`. Buttons and steps follow the phase through
    `phase.change`, so a turn that changes no layout sends no component updates: Gradio
    rebuilds a component for each update, which costs more than the turn itself."""
    ratings, coach, openness = panels(pages, status)
    return SessionView(
        status.session_id,
        chat_history(status),
        ratings,
        coach,
        openness,
        notice if notice is not None else notice_for(pages, status),
        phase_of(status),
        heading(pages, status),
    )


def show_empty(pages: Pages, notice: str = "") -> SessionView:
    return SessionView("", [], ratings_table([], pages.rehearsal.catalog.skills), coach_panel({}), "", notice, "", "")
