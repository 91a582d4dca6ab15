"""The Debrief tab: one session (or an earlier attempt of it) turn by turn, the skills over the
session, the partner's openness, and "do it again from this turn". Instructors and researchers
open other learners' sessions here too, to read only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from typing import Any

import gradio as gr

from simulator.partner.state import initial_state
from simulator.storage.models import RehearsalSession
from simulator.web.accounts import Viewer
from simulator.web.handlers import Pages, handler, visible
from simulator.web.pages.session_view import Forms, SessionView, show
from simulator.web.views import openness_figure, safety_summary, skills_summary, transcript

ATTEMPT_MARK = "@"  # "SESSION@BRANCH" names an earlier attempt of a session in the picker
LIST_LIMIT = 100


@dataclass
class DebriefParts:
    debrief_pick: gr.Dropdown
    debrief_button: gr.Button
    debrief_summary: gr.HTML
    debrief_skills: gr.HTML
    debrief_plot: gr.Plot
    redo_row: gr.Row
    redo_turn: gr.Dropdown
    redo_button: gr.Button
    debrief_transcript: gr.HTML


@dataclass
class DebriefView:
    """In the order the HTTP API has always returned them; `redo_row` came later."""

    debrief_pick: str
    debrief_summary: str
    debrief_skills: str
    debrief_plot: Any
    debrief_transcript: str
    redo_turn: Any
    redo_row: Any


@dataclass
class Redone:
    session: SessionView
    tabs: Any
    forms: Forms


def attempt_of(choice: str | None) -> tuple[str | None, int | None]:
    """(session id, branch) from a picker value; branch None is the attempt in progress."""
    if not choice:
        return None, None
    session_id, _, branch = choice.partition(ATTEMPT_MARK)
    return session_id, int(branch) if branch.isdigit() else None


def summary_html(record: RehearsalSession, turns: list[Any], outcome: str | None, note: str) -> str:
    shown = (outcome or "in progress").replace("_", " ")
    mastery = f" · mastery {record.mastery:.2f} of 2" if record.mastery is not None and not note else ""
    return (
        f"<h2>{escape(record.scenario_title)}</h2>{note}<p><strong>Outcome:</strong> {escape(shown)} · "
        f"{len(turns)} turn(s) · started {record.started_at:%Y-%m-%d %H:%M}{mastery}</p>"
        + safety_summary(turns, outcome)
    )


def attempt_note(pages: Pages, record: RehearsalSession, branch: int | None) -> tuple[str, str | None]:
    """A line saying which attempt this is, and how it ended."""
    if branch is None or branch == record.active_branch:
        return "", record.outcome
    forks = [b for b in pages.store.branches(record.id) if b.parent_branch == branch]
    ended = forks[0].parent_outcome if forks else None
    start = f" from turn {forks[0].from_turn}" if forks else ""
    note = (
        f"<p class='rh-attempt' role='note'>An earlier attempt: you did it again{escape(start)}; "
        "this one is kept as it was.</p>"
    )
    return note, ended


def debrief_view(pages: Pages, viewer: Viewer, choice: str | None) -> DebriefView:
    session_id, branch = attempt_of(choice)
    record = pages.access.readable(viewer, session_id)
    scenario = pages.store.scenario(record.scenario_hash)
    turns = pages.store.turns(record.id, branch)
    status = pages.rehearsal.status(record.id)
    catalog = pages.rehearsal.catalog.skills
    opening = next((m["content"] for m in status.messages[:1] if m["role"] == "partner"), None)
    note, outcome = attempt_note(pages, record, branch)
    own = record.learner_id == viewer.username
    if not own:
        note += "<p class='rh-read-only' role='note'>Another learner's session, to read only.</p>"
    summary = summary_html(record, turns, outcome, note)
    can_redo = own and (branch is None or branch == record.active_branch)
    if not record.feedback_shown:
        plain = [replace(t, ratings=[], reasons=[], coach_text=None) for t in turns]
        return DebriefView(
            choice or record.id,
            summary + "<p>Skill feedback is not shown for this session.</p>",
            "",
            None,
            transcript(plain, scenario.partner.name, catalog, opening),
            gr.update(choices=[], value=None),
            visible(can_redo),
        )
    redo_choices = [(f"Turn {t.index}: {t.learner_text[:60]}", str(t.index)) for t in turns] if can_redo else []
    return DebriefView(
        choice or record.id,
        summary,
        skills_summary(turns, scenario.skills, catalog),
        openness_figure(turns, initial_state(scenario).openness),
        transcript(turns, scenario.partner.name, catalog, opening),
        gr.update(choices=redo_choices, value=None),
        visible(can_redo),
    )


@handler()
def debrief(pages: Pages, viewer: Viewer, choice: str | None) -> DebriefView:
    return debrief_view(pages, viewer, choice)


@handler()
def redo(pages: Pages, viewer: Viewer, session_id: str, turn: str | None) -> Redone:
    session_id = attempt_of(session_id)[0] or ""
    pages.access.owned(viewer, session_id)
    if not turn:
        raise gr.Error("Choose the turn to do again.")
    if not str(turn).isdigit():
        raise gr.Error("Choose the turn to do again from the list.")
    try:
        status = pages.rehearsal.redo_from(session_id, int(turn))
    except ValueError as error:
        raise gr.Error(str(error)) from error
    notice = (
        f"<p class='rh-branch' role='status'><strong>A new attempt from turn {int(turn)}.</strong> "
        "Your earlier attempt is kept: the Debrief tab lists it as an earlier attempt.</p>"
    )
    return Redone(show(pages, status, notice=notice), gr.Tabs(selected="practise"), Forms())


@handler()
def debrief_choices(pages: Pages, viewer: Viewer) -> Any:
    """The viewer's sessions, newest first, each earlier attempt ("do it again") listed too."""
    choices: list[tuple[str, str]] = []
    for record in pages.store.sessions(learner_id=viewer.username)[:LIST_LIMIT]:
        when = f"{record.scenario_title} · {record.started_at:%Y-%m-%d %H:%M}"
        choices.append((f"{when} · {(record.outcome or 'in progress').replace('_', ' ')}", record.id))
        if record.active_branch:
            choices.extend(earlier_attempts(pages, record, when))
    return gr.update(choices=choices)


def earlier_attempts(pages: Pages, record: RehearsalSession, when: str) -> list[tuple[str, str]]:
    firsts: dict[int, Any] = {}
    for fork in pages.store.branches(record.id):
        firsts.setdefault(fork.parent_branch, fork)
    listed = []
    for parent, fork in sorted(firsts.items()):
        ended = (fork.parent_outcome or "in progress").replace("_", " ")
        label = f"{when} · earlier attempt (did it again from turn {fork.from_turn}) · {ended}"
        listed.append((label, f"{record.id}{ATTEMPT_MARK}{parent}"))
    return listed


def build(pages: Pages) -> DebriefParts:
    with gr.Row():
        pick = gr.Dropdown(label="Session", choices=[], elem_id="debrief-picker", allow_custom_value=True, scale=3)
        button = gr.Button("Show debrief", elem_id="debrief-button", scale=1)
    summary = gr.HTML(elem_id="debrief-summary")
    skills = gr.HTML(elem_id="debrief-skills")
    plot = gr.Plot(label="Partner openness over the turns", elem_id="debrief-openness")
    with gr.Row(elem_id="redo-row") as redo_row:
        redo_turn = gr.Dropdown(
            label="Do it again from this turn", choices=[], elem_id="redo-turn", scale=3, allow_custom_value=True
        )
        redo_button = gr.Button("Do it again from here", elem_id="redo-button", scale=1)
    parts = DebriefParts(
        pick, button, summary, skills, plot, redo_row, redo_turn, redo_button, gr.HTML(elem_id="debrief-transcript")
    )
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: DebriefParts) -> None:
    parts.debrief_button.click(pages.bind(debrief), parts.debrief_pick, pages.outputs(DebriefView), api_name="debrief")
