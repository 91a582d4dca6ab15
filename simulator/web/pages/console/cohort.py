"""Console, Cohort: learners, sessions and mastery, the sessions the crisis check flagged, and
any session's debrief to read (staff). Read afresh whenever the tab is opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr
from sqlmodel import Session, select

from simulator.research.export import pseudonymizer
from simulator.storage.models import RehearsalSession
from simulator.web.accounts import Capability, Viewer
from simulator.web.handlers import Pages, handler
from simulator.web.pages.debrief import DebriefView, debrief_view
from simulator.web.views import alert, cohort_frame, safety_sessions_frame

PSEUDONYMS_NEED_KEY = (
    "Researchers see learners only under their pseudonyms, which need REHEARSE_EXPORT_KEY: ask "
    "the operator to set it (the same key the exports use)."
)
SESSION_LIMIT = 500


@dataclass
class CohortParts:
    cohort_button: gr.Button
    cohort_note: gr.HTML
    cohort_table: gr.Dataframe
    safety_table: gr.Dataframe
    cohort_session: gr.Dropdown
    cohort_open: gr.Button


@dataclass
class CohortView:
    cohort_table: Any
    safety_table: Any
    cohort_session: Any
    cohort_note: str


@dataclass
class OpenedDebrief:
    debrief: DebriefView
    tabs: Any


@handler(Capability.view_cohort)
def cohort(pages: Pages, viewer: Viewer) -> CohortView:
    """Instructors, who know their learners by name anyway, see usernames; researchers see the
    export's pseudonyms and no times, so the console adds nothing to join the export on."""
    engine, key = pages.store.engine, pages.rehearsal.settings.export_key
    if viewer.can(Capability.manage_accounts):
        return CohortView(cohort_frame(engine), safety_sessions_frame(engine), session_choices(pages, None), "")
    if not key:  # a plain note on the tab, not an error box
        return CohortView(None, None, gr.update(choices=[]), alert(PSEUDONYMS_NEED_KEY))
    pseudonym = pseudonymizer(key)
    return CohortView(
        cohort_frame(engine, pseudonym), safety_sessions_frame(engine, pseudonym), session_choices(pages, pseudonym), ""
    )


def session_choices(pages: Pages, pseudonym: Any) -> Any:
    """Every session, newest first, named by learner (or pseudonym), scenario and outcome."""
    with Session(pages.store.engine) as db:
        records = db.exec(
            select(RehearsalSession).order_by(RehearsalSession.started_at.desc()).limit(SESSION_LIMIT)  # type: ignore[attr-defined]
        ).all()
    choices = []
    for r in records:
        who = pseudonym(r.learner_id) if pseudonym else r.learner_id
        when = "" if pseudonym else f" · {r.started_at:%Y-%m-%d %H:%M}"
        choices.append((f"{who} · {r.scenario_title}{when} · {(r.outcome or 'in progress').replace('_', ' ')}", r.id))
    return gr.update(choices=choices, value=None)


@handler(Capability.view_cohort)
def open_debrief(pages: Pages, viewer: Viewer, session_id: str | None) -> OpenedDebrief:
    if not session_id:
        raise gr.Error("Choose a session to open.")
    return OpenedDebrief(debrief_view(pages, viewer, session_id), gr.Tabs(selected="debrief"))


def build(pages: Pages) -> CohortParts:
    button = gr.Button("Refresh", size="sm", elem_id="cohort-refresh")
    note = gr.HTML(elem_id="cohort-note")
    table = gr.Dataframe(label="Learners, sessions and mastery (0-2)", interactive=False, elem_id="cohort-table")
    gr.Markdown(
        "Sessions the crisis check stopped (crisis) or paused to ask whether the learner was "
        "safe (check-in). Open any session's debrief below, to read."
    )
    safety = gr.Dataframe(
        label="Sessions flagged by the crisis check", interactive=False, elem_id="cohort-safety-table"
    )
    with gr.Row():
        session = gr.Dropdown(
            label="A learner's session", choices=[], elem_id="cohort-session", scale=3, allow_custom_value=True
        )
        open_button = gr.Button("Open its debrief", elem_id="cohort-open", scale=1)
    parts = CohortParts(button, note, table, safety, session, open_button)
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: CohortParts, tab: gr.Tab) -> None:
    bind, out = pages.bind, pages.outputs
    parts.cohort_button.click(bind(cohort), None, out(CohortView), api_name="console_cohort")
    tab.select(bind(cohort), None, out(CohortView), api_visibility="private")
