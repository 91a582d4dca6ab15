"""The Rehearse browser app: sign in, pick a scenario, rehearse with skill feedback each turn, then
the debrief and progress pages; instructors and researchers also get the console.

Thin on purpose: the rehearsal lives in `simulator.runtime.Rehearsal`, accounts and sign-in in
`simulator.web`, and what the pages show in `simulator.web.views`. Every handler asks
`Access` who is calling and whether they may; the browser hides nothing that the server allows.
Run with `rehearse serve` (or `python app.py`); settings come from REHEARSE_* variables.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from html import escape
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no network: no usage analytics

import gradio as gr

from feedback.presentation import coach_panel, openness_panel, ratings_table
from feedback.surveys import (
    EMOTION_ITEMS,
    EMOTION_PROMPT_THRESHOLD,
    ITEM_QUESTIONS,
    SURVEY_ITEMS,
    SurveyAnswers,
)
from simulator.partner.state import initial_state
from simulator.research.progress import learner_progress
from simulator.runtime import (
    PartnerChunk,
    Refused,
    Rehearsal,
    SessionStatus,
    TurnFailed,
    TurnResult,
)
from simulator.settings import Settings
from simulator.web import console
from simulator.web import study as study_pages
from simulator.web.access import Access, plain_errors
from simulator.web.accounts import Accounts, Capability
from simulator.web.views import (
    alert,
    emotions_figure,
    mastery_figure,
    openness_figure,
    progress_summary,
    safety_mark,
    safety_notice,
    safety_summary,
    scenario_cards,
    scenario_details,
    self_efficacy_figure,
    session_brief,
    skills_summary,
    transcript,
)

CSS = """
.rh-ratings { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.5rem; }
.rh-card { border: 1px solid #c9ced6; border-radius: 6px; padding: 0.5rem 0.6rem; background: #fff; color: #111; }
.rh-card h4 { margin: 0 0 0.25rem 0; font-size: 0.95rem; }
.rh-card p { margin: 0.2rem 0; overflow-wrap: anywhere; }
.rh-level-strong .rh-level { color: #0b5d1e; }
.rh-level-weak .rh-level, li.rh-level-weak { color: #6b4000; }
.rh-level-fault { border-color: #8a1c1c; } .rh-level-fault .rh-level { color: #8a1c1c; }
li.rh-level-strong, td.rh-level-strong { color: #0b5d1e; }
.rh-level-none .rh-level, td.rh-level-none { color: #333; }
.rh-reason { color: #333; font-size: 0.85rem; margin-top: 2px; }
.rh-contrast { font-size: 0.9rem; } .rh-contrast span { color: #333; font-weight: 600; }
.rh-other-skills { grid-column: 1 / -1; font-size: 0.9rem; color: #222; }
.rh-brief { border: 1px solid #c9ced6; border-radius: 6px; padding: 0.5rem 0.75rem; background: #f7f8fa; color: #111; }
.rh-brief p { margin: 0.2rem 0; }
.rh-coach { padding: 8px; border-left: 4px solid #2b4c7e; background: #f3f6fb; color: #111; }
.rh-silent { border-left-color: #6b7480; color: #222; }
.rh-tally { color: #333; font-size: 0.85rem; }
.rh-openness meter { width: 12rem; vertical-align: middle; }
.rh-notice { color: #8a1c1c; font-weight: 600; }
.rh-valid { color: #0b5d1e; font-weight: 600; }
.rh-crisis { padding: 10px; border: 2px solid #8a1c1c; background: #fff4f4; color: #111; }
.rh-check-in { padding: 10px; border: 2px solid #6b4000; background: #fff8e8; color: #111; }
.rh-safety-flag { color: #8a1c1c; font-weight: 600; }
.rh-header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.5rem; }
.rh-header a, .rh-sign-out button { color: #1f4e8c; font-weight: 600; }
.rh-sign-out { display: inline; margin: 0; }
.rh-sign-out button { background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; font-size: inherit; }
.rh-cards .wrap { display: grid !important; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.5rem; }
.rh-cards label { align-items: flex-start !important; padding: 0.6rem !important; border: 1px solid #9aa3ad !important; border-radius: 6px; }
.rh-turn { border-top: 1px solid #d0d4da; padding-top: 0.5rem; }
.rh-draft { font-family: ui-monospace, monospace; font-size: 0.85rem; max-height: 28rem; overflow: auto; border: 1px solid #c9ced6; }
.rh-draft-line { display: flex; gap: 0.75rem; white-space: pre-wrap; }
.rh-draft-line code { background: none; flex: 1; }
.rh-lineno { color: #444; min-width: 2.5rem; text-align: right; user-select: none; }
.rh-flagged { background: #fff1d6; }
.rh-line-problem { color: #8a1c1c; font-family: system-ui, sans-serif; }
button:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #f2a900 !important; outline-offset: 2px; }
@media (max-width: 640px) { .rh-ratings { grid-template-columns: 1fr; font-size: 0.9rem; }
  .rh-summary { display: block; overflow-x: auto; } }
"""

SESSION_URL_JS = """
(sessionId) => {
  if (sessionId) {
    const url = new URL(window.location.href);
    url.searchParams.set("session", sessionId);
    window.history.replaceState(null, "", url.toString());
  }
  return [];
}
"""

SCALE_CHOICES = [str(v) for v in range(1, 8)]
STREAM_INTERVAL_S = 0.08


def build_app(rehearsal: Rehearsal, accounts: Accounts) -> gr.Blocks:
    access = Access(accounts, rehearsal.store)
    store = rehearsal.store

    # practise ------------------------------------------------------------------------------
    def cards(category: str | None) -> Any:
        return gr.update(choices=scenario_cards(rehearsal.library(), None if category in (None, "all") else category))

    def card(scenario_id: str | None) -> str:
        if not scenario_id:
            return "<p>Choose a scenario to read the situation and your goal.</p>"
        try:
            return scenario_details(rehearsal.library().get(scenario_id))
        except KeyError as error:
            return f"<p class='rh-notice'>{escape(str(error.args[0]))}</p>"

    def chat_history(status: SessionStatus, partial: str | None = None) -> list[dict[str, Any]]:
        history: list[dict[str, Any]] = []
        for m in status.messages:
            history.append({"role": "assistant" if m["role"] == "partner" else "user", "content": m["content"]})
            if m.get("safety"):  # out of role: mark where the role-play paused or stopped
                history.append(safety_mark(m["safety"]))
        if partial is not None:
            history.append({"role": "assistant", "content": partial})
        return history

    def panels(status: SessionStatus) -> tuple[str, str, str]:
        turn = status.last_turn
        spoke = store.coach_spoke(status.session_id)
        if turn is None or not turn.feedback_shown:
            return ratings_table([]), coach_panel({}, spoke), openness_panel(status.openness, status.band, [])
        return (ratings_table(turn.ratings), coach_panel(turn.coach, spoke),
                openness_panel(turn.openness, turn.band, turn.changes))

    def notice_for(status: SessionStatus) -> str:
        if status.outcome == "crisis":
            return safety_notice("crisis", rehearsal.crisis_resources.lines())
        if status.paused:
            return safety_notice("check_in", rehearsal.crisis_resources.lines())
        if status.outcome:
            return (f"<p role='status'><strong>Session ended:</strong> {escape(status.outcome.replace('_', ' '))}. "
                    "Answer the questions below, then open the debrief.</p>")
        if status.needs_recovery:
            return alert("Your last turn was saved but not finished. Press Retry.")
        return ""

    def heading(status: SessionStatus) -> str:
        """The brief, in view for the whole rehearsal: situation, goal, what the learner knows, and
        their own note on what matters."""
        record = store.get_session(status.session_id)
        if record is None:
            return f"<h2>{escape(status.scenario_id)}</h2>"
        return f"<h2>{escape(record.scenario_title)}</h2>" + session_brief(
            store.scenario(record.scenario_hash), record.values_note, record.values_emotion)

    def phase_of(status: SessionStatus) -> str:
        if status.outcome:
            return "crisis" if status.outcome == "crisis" else "ended"  # no survey after a crisis
        return "retry" if status.needs_recovery else "paused" if status.paused else "active"

    def show(status: SessionStatus, notice: str | None = None) -> tuple[Any, ...]:
        """Every practise value for `status`. Buttons and steps follow the phase through
        `phase.change`, so a turn that changes no layout sends no component updates: Gradio
        rebuilds a component for each update, which costs more than the turn itself."""
        ratings, coach, openness = panels(status)
        return (status.session_id, chat_history(status), ratings, coach, openness,
                notice if notice is not None else notice_for(status), phase_of(status), heading(status))

    def show_empty(notice: str = "") -> tuple[Any, ...]:
        return ("", [], ratings_table([]), coach_panel({}), "", notice, "", "")

    def layout(phase: str) -> tuple[Any, ...]:
        typing, chosen = phase in ("active", "retry"), bool(phase)
        return (gr.update(interactive=typing), gr.update(interactive=typing),
                gr.update(interactive=typing or phase == "paused"), gr.update(visible=phase == "retry"),
                gr.update(visible=not chosen), gr.update(visible=chosen), gr.update(visible=phase == "ended"),
                gr.update(visible=phase == "paused"))

    def fresh_forms() -> tuple[Any, ...]:
        """Empty per-session forms (pre-survey, the "what matters" note, post-survey, debrief
        question), for `forms`: answers belong to one session and never carry over to the next."""
        unanswered = (None,) * len(SURVEY_ITEMS)
        return (*unanswered, gr.update(value="", visible=False), *unanswered, None, "")

    def survey_values(answers: tuple[Any, ...]) -> dict[str, int]:
        return {item: int(value) for item, value in zip(SURVEY_ITEMS, answers) if value not in (None, "")}

    @plain_errors
    def start(request: gr.Request, scenario_id: str | None, note: str, *pre: Any) -> tuple[Any, ...]:
        viewer = access.require(request, Capability.practise)
        if not scenario_id:
            raise gr.Error("Choose a scenario first.")
        try:
            status = rehearsal.start(scenario_id, learner_id=viewer.username)
        except KeyError as error:
            raise gr.Error(str(error.args[0]))
        answers = SurveyAnswers(phase="pre", values=survey_values(pre))
        if answers.values:
            rehearsal.record_survey(status.session_id, answers)
        strong = answers.strong_emotions()
        if strong and note and note.strip():
            rehearsal.record_values_note(status.session_id, strong[0], note)
        return (*show(status), *fresh_forms())

    def emotion_prompt(*emotions: Any) -> Any:
        strong = [item for item, value in zip(EMOTION_ITEMS, emotions) if value and int(value) >= EMOTION_PROMPT_THRESHOLD]
        label = (f"You rated {', '.join(strong)} {EMOTION_PROMPT_THRESHOLD} or higher. What does that feeling tell you "
                 "about what matters to you here? (optional)") if strong else ""
        return gr.update(visible=bool(strong), label=label)

    @plain_errors
    def save_post(request: gr.Request, session_id: str, honoured: str | None, *post: Any) -> tuple[Any, ...]:
        access.own_session(request, session_id)
        if rehearsal.status(session_id).outcome == "crisis":
            raise gr.Error("No questions follow a session that stopped for safety; nothing was saved.")
        answers = SurveyAnswers(phase="post", values=survey_values(post))
        if answers.values:
            rehearsal.record_survey(session_id, answers)
        if honoured:
            rehearsal.record_values_honoured(session_id, honoured)
        return (f"Saved {len(answers.values)} answer(s).", *debrief(session_id, request),
                gr.Tabs(selected="debrief"))

    @plain_errors
    def send(session_id: str, text: str, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        access.own_session(request, session_id)
        status = rehearsal.status(session_id)
        pending = replace(status, messages=[*status.messages, {"role": "learner", "content": text}])
        before = show(status, notice="")
        partial, shown_at = "", time.monotonic()  # a reply complete within the interval goes out in one piece
        for event in rehearsal.send(session_id, text):
            if isinstance(event, Refused):
                yield (*before[:5], alert(event.message), *before[6:], text)
                return
            if isinstance(event, PartnerChunk):
                partial += event.text
                if time.monotonic() - shown_at >= STREAM_INTERVAL_S:  # a fast partner's words arrive in batches
                    shown_at = time.monotonic()
                    yield (before[0], chat_history(pending, partial), *before[2:], "")
            elif isinstance(event, TurnFailed):
                yield (*show(rehearsal.status(session_id), notice=alert(event.message)), "")
                return
            elif isinstance(event, TurnResult):
                yield (*show(rehearsal.status(session_id)), "")

    @plain_errors
    def retry(session_id: str, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        access.own_session(request, session_id)
        for event in rehearsal.retry(session_id):
            if isinstance(event, TurnFailed):
                yield show(rehearsal.status(session_id), notice=alert(event.message))
                return
        yield show(rehearsal.status(session_id))

    @plain_errors
    def carry_on(session_id: str, request: gr.Request) -> tuple[Any, ...]:
        """After a check-in: it was part of the role-play; the learner types their next turn."""
        access.own_session(request, session_id)
        return show(rehearsal.carry_on(session_id))

    @plain_errors
    def need_help(session_id: str, request: gr.Request) -> tuple[Any, ...]:
        """After a check-in: the learner needs help now; the role-play stops as a crisis."""
        access.own_session(request, session_id)
        return show(rehearsal.need_help(session_id))

    @plain_errors
    def end(session_id: str, request: gr.Request) -> tuple[Any, ...]:
        access.own_session(request, session_id)
        return show(rehearsal.end(session_id))

    @plain_errors
    def open_session(session_id: str | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        access.own_session(request, session_id)
        status = rehearsal.status(session_id)  # type: ignore[arg-type]
        if status.needs_recovery:
            yield from retry(session_id, request)  # type: ignore[arg-type]
        else:
            yield show(status)

    def new_rehearsal() -> tuple[Any, ...]:
        return (*show_empty(), *fresh_forms())

    def resume(session_id: str | None, request: gr.Request) -> Iterator[tuple[Any, ...]]:
        for shown in open_session(session_id, request):
            yield (*shown, *fresh_forms())

    def own_sessions(request: gr.Request, active_only: bool = False) -> list[tuple[str, str]]:
        viewer = access.viewer(request)
        records = store.sessions(status="active" if active_only else None, learner_id=viewer.username)
        return [(f"{r.scenario_title} · {r.started_at:%Y-%m-%d %H:%M} · {(r.outcome or 'in progress').replace('_', ' ')}", r.id)
                for r in records[:100]]

    def unfinished(request: gr.Request) -> Any:
        return gr.update(choices=own_sessions(request, active_only=True), value=None)

    # debrief -------------------------------------------------------------------------------
    @plain_errors
    def debrief(session_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        _, record = access.readable_session(request, session_id)
        scenario = store.scenario(record.scenario_hash)
        turns = store.turns(record.id)
        status = rehearsal.status(record.id)
        start_openness = initial_state(scenario).openness
        opening = next((m["content"] for m in status.messages[:1] if m["role"] == "partner"), None)
        outcome = (record.outcome or "in progress").replace("_", " ")
        summary = (f"<h2>{escape(record.scenario_title)}</h2><p><strong>Outcome:</strong> {escape(outcome)} · "
                   f"{len(turns)} turn(s) · started {record.started_at:%Y-%m-%d %H:%M}"
                   + (f" · mastery {record.mastery:.2f} of 2" if record.mastery is not None else "") + "</p>"
                   + safety_summary(turns, record.outcome))
        if not record.feedback_shown:
            return (record.id, summary + "<p>Skill feedback is not shown for this session.</p>", "", None,
                    transcript([replace(t, ratings=[], reasons=[], coach_text=None) for t in turns], scenario.partner.name, opening),
                    gr.update(choices=[], value=None))
        redo_choices = [(f"Turn {t.index}: {t.learner_text[:60]}", str(t.index)) for t in turns]
        return (record.id, summary, skills_summary(turns, scenario.skills), openness_figure(turns, start_openness),
                transcript(turns, scenario.partner.name, opening), gr.update(choices=redo_choices, value=None))

    @plain_errors
    def redo(session_id: str, turn: str | None, request: gr.Request) -> tuple[Any, ...]:
        access.own_session(request, session_id)
        if not turn:
            raise gr.Error("Choose the turn to do again.")
        if not str(turn).isdigit():
            raise gr.Error("Choose the turn to do again from the list.")
        try:
            status = rehearsal.redo_from(session_id, int(turn))
        except ValueError as error:
            raise gr.Error(str(error))
        return (*show(status), gr.Tabs(selected="practise"), *fresh_forms())

    def debrief_choices(request: gr.Request) -> Any:
        return gr.update(choices=own_sessions(request))

    # progress ------------------------------------------------------------------------------
    @plain_errors
    def progress(request: gr.Request) -> tuple[Any, ...]:
        viewer = access.viewer(request)
        library = rehearsal.library()
        data = learner_progress(store.engine, viewer.username, library)
        if not data.sessions:
            return "<p>No sessions yet. Your progress appears here after your first rehearsal.</p>", None, None, None
        return progress_summary(data, library), self_efficacy_figure(data), emotions_figure(data), mastery_figure(data)

    # page load -----------------------------------------------------------------------------
    def header(request: gr.Request) -> tuple[Any, ...]:
        viewer = access.viewer(request)
        name = escape(viewer.display_name or viewer.username)
        staff = viewer.can(Capability.view_cohort)
        text = (f"<div class='rh-header'><h1>Rehearse</h1><div>Signed in as <strong>{name}</strong> "
                f"({viewer.role.value}) · <form method='post' action='logout' class='rh-sign-out'>"
                "<button type='submit' id='sign-out'>Sign out</button></form></div></div>")
        return text, gr.update(visible=staff)

    def on_load(request: gr.Request) -> Iterator[tuple[Any, ...]]:
        """Open the session named in the page address (`?session=`), if it is the viewer's."""
        session_id = request.query_params.get("session") if request else None
        if session_id:
            try:
                for shown in open_session(session_id, request):
                    yield (*shown, "")
                return
            except gr.Error as error:
                yield (*show_empty(), alert(error.message))
                return
        yield (*show_empty(), "")

    categories = ["all", *sorted({s.scenario.category.value for s in rehearsal.library().scenarios.values()})]
    with gr.Blocks(title="Rehearse") as demo:
        top = gr.HTML("<h1>Rehearse</h1>", elem_id="header")
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab("Practise", id="practise", elem_id="tab-practise"):
                with gr.Column(visible=True, elem_id="choose-step") as choose_step:
                    page_notice = gr.HTML(elem_id="page-notice")
                    gr.Markdown("## 1. Choose a scenario")
                    category = gr.Dropdown(choices=categories, value="all", label="Category", elem_id="category")
                    scenario = gr.Radio(choices=scenario_cards(rehearsal.library()), label="Scenarios",
                                        elem_id="scenario-cards", elem_classes=["rh-cards"])
                    details = gr.HTML(card(None), elem_id="scenario-card")
                    gr.Markdown("## 2. Before you start: how do you feel about this conversation?\n"
                                "Answer on a scale from 1 (not at all) to 7 (extremely). You may skip any question.")
                    with gr.Group(elem_id="pre-survey"):
                        pre_items = [gr.Radio(choices=SCALE_CHOICES, label=ITEM_QUESTIONS[item], elem_id=f"pre-{item}")
                                     for item in SURVEY_ITEMS]
                    values_note = gr.Textbox(visible=False, lines=2, elem_id="values-note")
                    start_button = gr.Button("Start rehearsal", variant="primary", elem_id="start-button")
                    with gr.Accordion("Continue an unfinished session", open=False, elem_id="resume"):
                        resume_choice = gr.Dropdown(label="Your unfinished sessions", choices=[], elem_id="resume-picker",
                                                    allow_custom_value=True)
                        resume_button = gr.Button("Continue", size="sm", elem_id="resume-button")
                with gr.Column(visible=False, elem_id="rehearse-step") as rehearse_step:
                    session_heading = gr.HTML(elem_id="session-heading")
                    with gr.Row():
                        with gr.Column(scale=3, min_width=300):
                            chat = gr.Chatbot(label="Conversation", height=420, elem_id="conversation")
                            notice = gr.HTML(elem_id="notice")
                            with gr.Row(visible=False, elem_id="check-in") as check_in_row:
                                carry_on_button = gr.Button("This was part of the role-play – carry on",
                                                            elem_id="carry-on-button")
                                need_help_button = gr.Button("I need help now", variant="stop",
                                                             elem_id="need-help-button")
                            message = gr.Textbox(label="What you say", lines=1, max_lines=8, elem_id="message",
                                                 placeholder="Type what you would say, then press Enter or Send "
                                                             "(Shift+Enter starts a new line)",
                                                 interactive=False)
                            with gr.Row():
                                send_button = gr.Button("Send", variant="primary", interactive=False, elem_id="send-button")
                                end_button = gr.Button("End session", interactive=False, elem_id="end-button")
                                retry_button = gr.Button("Retry", visible=False, elem_id="retry-button")
                                new_button = gr.Button("Choose another scenario", elem_id="new-button")
                        with gr.Column(scale=2, min_width=300):
                            openness = gr.HTML(elem_id="openness")
                            coach = gr.HTML(coach_panel({}), elem_id="coach")
                    ratings = gr.HTML(ratings_table([]), elem_id="ratings")
                with gr.Column(visible=False, elem_id="post-survey") as post_step:
                    gr.Markdown("## After the session: how do you feel now?\nSame scale, 1 to 7. You may skip any question.")
                    post_items = [gr.Radio(choices=SCALE_CHOICES, label=ITEM_QUESTIONS[item], elem_id=f"post-{item}")
                                  for item in SURVEY_ITEMS]
                    honoured = gr.Radio(choices=["yes", "partly", "no"], elem_id="values-honoured",
                                        label="If you noted what your feeling pointed to: did the conversation honour it?")
                    save_post_button = gr.Button("Save answers and open the debrief", variant="primary", elem_id="save-post")
                    post_saved = gr.Markdown(elem_id="post-saved")
            with gr.Tab("Debrief", id="debrief", elem_id="tab-debrief"):
                with gr.Row():
                    debrief_pick = gr.Dropdown(label="Session", choices=[], elem_id="debrief-picker", allow_custom_value=True,
                                               scale=3)
                    debrief_button = gr.Button("Show debrief", elem_id="debrief-button", scale=1)
                debrief_summary = gr.HTML(elem_id="debrief-summary")
                debrief_skills = gr.HTML(elem_id="debrief-skills")
                debrief_plot = gr.Plot(label="Partner openness over the turns", elem_id="debrief-openness")
                with gr.Row():
                    redo_turn = gr.Dropdown(label="Do it again from this turn", choices=[], elem_id="redo-turn", scale=3,
                                            allow_custom_value=True)
                    redo_button = gr.Button("Do it again from here", elem_id="redo-button", scale=1)
                debrief_transcript = gr.HTML(elem_id="debrief-transcript")
            with gr.Tab("Progress", id="progress", elem_id="tab-progress"):
                progress_button = gr.Button("Refresh", size="sm", elem_id="progress-button")
                progress_text = gr.HTML(elem_id="progress-summary")
                efficacy_plot = gr.Plot(label="Self-efficacy before and after each session", elem_id="progress-efficacy")
                emotion_plot = gr.Plot(label="Emotions before and after each session", elem_id="progress-emotions")
                mastery_plot = gr.Plot(label="Skill mastery per session", elem_id="progress-mastery")
            with gr.Tab("Console", id="console", elem_id="tab-console", visible=False) as console_tab:
                console.build(rehearsal, access, console_tab)
        session_id = gr.Textbox(visible=False, elem_id="session-id")
        phase = gr.Textbox(visible=False, elem_id="session-phase")  # "", active, retry, paused, ended or crisis

        outputs = [session_id, chat, ratings, coach, openness, notice, phase, session_heading]
        forms = [*pre_items, values_note, *post_items, honoured, post_saved]  # emptied when another session shows
        phase.change(layout, phase, [message, send_button, end_button, retry_button, choose_step, rehearse_step,
                                     post_step, check_in_row], api_visibility="private")
        debrief_outputs = [debrief_pick, debrief_summary, debrief_skills, debrief_plot, debrief_transcript, redo_turn]
        category.change(cards, category, scenario, api_visibility="private")
        scenario.change(card, scenario, details, api_visibility="private")
        start_button.click(start, [scenario, values_note, *pre_items], [*outputs, *forms], api_name="start").then(
            None, session_id, None, js=SESSION_URL_JS)
        emotion_inputs = pre_items[len(SURVEY_ITEMS) - len(EMOTION_ITEMS):]
        for radio in emotion_inputs:
            radio.change(emotion_prompt, emotion_inputs, values_note, api_visibility="private")
        send_event = {"fn": send, "inputs": [session_id, message], "outputs": [*outputs, message]}
        message.submit(**send_event, api_name="send_on_enter", api_visibility="private")
        send_button.click(**send_event, api_name="send")
        end_button.click(end, session_id, outputs, api_name="end")
        retry_button.click(retry, session_id, outputs, api_name="retry")
        carry_on_button.click(carry_on, session_id, outputs, api_name="carry_on")
        need_help_button.click(need_help, session_id, outputs, api_name="need_help")
        new_button.click(new_rehearsal, None, [*outputs, *forms], api_visibility="private").then(unfinished, None, resume_choice).then(
            cards, category, scenario)
        resume_button.click(resume, resume_choice, [*outputs, *forms], api_name="open_session").then(
            None, session_id, None, js=SESSION_URL_JS)
        save_post_button.click(save_post, [session_id, honoured, *post_items], [post_saved, *debrief_outputs, tabs],
                               api_name="save_post")
        debrief_button.click(debrief, debrief_pick, debrief_outputs, api_name="debrief")
        redo_button.click(redo, [debrief_pick, redo_turn], [*outputs, tabs, *forms], api_name="redo").then(
            None, session_id, None, js=SESSION_URL_JS)
        progress_button.click(progress, None, [progress_text, efficacy_plot, emotion_plot, mastery_plot], api_name="progress")
        demo.load(header, None, [top, console_tab]).then(cards, category, scenario).then(on_load, None, [*outputs, page_notice]).then(
            unfinished, None, resume_choice).then(debrief_choices, None, debrief_pick).then(
            progress, None, [progress_text, efficacy_plot, emotion_plot, mastery_plot])
        tabs.change(debrief_choices, None, debrief_pick, api_visibility="private")
    return demo


def build_server(settings: Settings | None = None):  # type: ignore[no-untyped-def]
    """The whole HTTP app: sign-in, health, metrics and the pages."""
    from simulator.web.server import build_server as http_server
    from simulator.web.server import use_private_uploads

    settings = settings or Settings()
    use_private_uploads(settings)
    rehearsal = Rehearsal(settings)
    accounts = Accounts(rehearsal.engine, sign_in_hours=settings.sign_in_hours,
                        idle_minutes=settings.sign_in_idle_minutes)
    return http_server(rehearsal, build_app(rehearsal, accounts), accounts, css=CSS, theme=offline_theme(),
                       routers=[study_pages.build(rehearsal, accounts)])


def launch(settings: Settings | None = None) -> None:
    import uvicorn

    settings = settings or Settings()
    server = build_server(settings)
    print(f"Rehearse is running at http://{settings.host}:{settings.port}", flush=True)
    if not server.state.accounts.any_exist():
        print("No accounts yet: create the first instructor with `rehearse users add NAME --role instructor`.", flush=True)
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning", timeout_graceful_shutdown=5)


def offline_theme() -> gr.themes.Base:
    """The default look with system fonts, so the page loads nothing from the internet, and
    primary buttons dark enough for their white text."""
    theme = gr.themes.Default(primary_hue="blue", font=[gr.themes.Font("system-ui"), "sans-serif"],
                              font_mono=[gr.themes.Font("ui-monospace"), "monospace"])
    # The default primary buttons (blue-500 under white text) fall short of WCAG AA 4.5:1.
    return theme.set(button_primary_background_fill="*primary_700", button_primary_background_fill_hover="*primary_800",
                     button_primary_text_color="white")


if __name__ == "__main__":
    launch()
