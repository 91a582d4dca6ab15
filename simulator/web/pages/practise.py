"""The Practise tab: choose a scenario, answer the pre-survey, rehearse turn by turn with skill
feedback, then the post-survey. `build()` lays out the components, the handlers below run the
events, `wire()` connects them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html import escape
from typing import Any

import gradio as gr

from feedback.presentation import coach_panel, ratings_table
from feedback.surveys import (
    EMOTION_ITEMS,
    EMOTION_PROMPT_THRESHOLD,
    ITEM_QUESTIONS,
    SURVEY_ITEMS,
    SurveyAnswers,
)
from simulator.runtime import PartnerChunk, Refused, TurnFailed, TurnResult
from simulator.web.accounts import Viewer
from simulator.web.assets import script
from simulator.web.handlers import Pages, handler, visible
from simulator.web.pages.debrief import DebriefView, debrief_view
from simulator.web.pages.session_view import (
    CRISIS,
    Forms,
    SessionView,
    chat_history,
    show,
    show_empty,
)
from simulator.web.views import alert, scenario_cards, scenario_details

SCALE_CHOICES = [str(v) for v in range(1, 8)]
STREAM_INTERVAL_S = 0.08
ALL = "all"


@dataclass
class PractiseParts:
    page_notice: gr.HTML
    category: gr.Dropdown
    scenario: gr.Radio
    details: gr.HTML
    pre_items: list[gr.Radio]
    values_note: gr.Textbox
    start_button: gr.Button
    resume_choice: gr.Dropdown
    resume_button: gr.Button
    choose_step: gr.Column
    rehearse_step: gr.Column
    session_heading: gr.HTML
    chat: gr.Chatbot
    notice: gr.HTML
    check_in_row: gr.Row
    carry_on_button: gr.Button
    need_help_button: gr.Button
    message: gr.Textbox
    send_button: gr.Button
    end_button: gr.Button
    retry_button: gr.Button
    new_button: gr.Button
    openness: gr.HTML
    coach: gr.HTML
    ratings: gr.HTML
    post_step: gr.Column
    post_items: list[gr.Radio]
    honoured: gr.Radio
    save_post_button: gr.Button
    post_saved: gr.Markdown
    session_id: gr.Textbox
    phase: gr.Textbox


# views --------------------------------------------------------------------------------------
@dataclass
class Started:
    session: SessionView
    forms: Forms


@dataclass
class Sent:
    session: SessionView
    message: str


@dataclass
class Layout:
    message: Any
    send_button: Any
    end_button: Any
    retry_button: Any
    choose_step: Any
    rehearse_step: Any
    post_step: Any
    check_in_row: Any


@dataclass
class Loaded:
    session: SessionView
    page_notice: str


@dataclass
class SavedPost:
    post_saved: str
    debrief: DebriefView
    tabs: Any


# handlers -----------------------------------------------------------------------------------
@handler()
def cards(pages: Pages, viewer: Viewer, category: str | None) -> Any:
    chosen = None if category in (None, ALL) else category
    return gr.update(choices=scenario_cards(pages.rehearsal.library(), pages.rehearsal.catalog.skills, chosen))


@handler()
def card(pages: Pages, viewer: Viewer, scenario_id: str | None) -> str:
    if not scenario_id:
        return "<p>Choose a scenario to read the situation and your goal.</p>"
    try:
        return scenario_details(pages.rehearsal.library().get(scenario_id), pages.rehearsal.catalog.skills)
    except KeyError as error:
        return f"<p class='rh-notice'>{escape(str(error.args[0]))}</p>"


@handler()
def layout(pages: Pages, viewer: Viewer, phase: str) -> Layout:
    typing, chosen = phase in ("active", "retry"), bool(phase)
    return Layout(
        gr.update(interactive=typing),
        gr.update(interactive=typing),
        gr.update(interactive=typing or phase == "paused"),
        visible(phase == "retry"),
        visible(not chosen),
        visible(chosen),
        visible(phase == "ended"),
        visible(phase == "paused"),
    )


def survey_values(answers: tuple[Any, ...]) -> dict[str, int]:
    return {item: int(value) for item, value in zip(SURVEY_ITEMS, answers) if value not in (None, "")}


@handler()
def start(pages: Pages, viewer: Viewer, scenario_id: str | None, note: str, *pre: Any) -> Started:
    if not scenario_id:
        raise gr.Error("Choose a scenario first.")
    try:
        status = pages.rehearsal.start(scenario_id, learner_id=viewer.username)
    except KeyError as error:
        raise gr.Error(str(error.args[0])) from error
    answers = SurveyAnswers(phase="pre", values=survey_values(pre))
    if answers.values:
        pages.rehearsal.record_survey(status.session_id, answers)
    strong = answers.strong_emotions()
    if strong and note and note.strip():
        pages.rehearsal.record_values_note(status.session_id, strong[0], note)
    return Started(show(pages, status), Forms())


@handler()
def emotion_prompt(pages: Pages, viewer: Viewer, *emotions: Any) -> Any:
    strong = [item for item, value in zip(EMOTION_ITEMS, emotions) if value and int(value) >= EMOTION_PROMPT_THRESHOLD]
    label = (
        (
            f"You rated {', '.join(strong)} {EMOTION_PROMPT_THRESHOLD} or higher. What does that feeling "
            "tell you about what matters to you here? (optional)"
        )
        if strong
        else ""
    )
    return gr.update(visible=bool(strong), label=label)


@handler()
def save_post(pages: Pages, viewer: Viewer, session_id: str, honoured: str | None, *post: Any) -> SavedPost:
    pages.access.owned(viewer, session_id)
    if pages.rehearsal.status(session_id).outcome == CRISIS:
        raise gr.Error("No questions follow a session that stopped for safety; nothing was saved.")
    answers = SurveyAnswers(phase="post", values=survey_values(post))
    if answers.values:
        pages.rehearsal.record_survey(session_id, answers)
    if honoured:
        pages.rehearsal.record_values_honoured(session_id, honoured)
    return SavedPost(
        f"Saved {len(answers.values)} answer(s).", debrief_view(pages, viewer, session_id), gr.Tabs(selected="debrief")
    )


@handler()
def send(pages: Pages, viewer: Viewer, session_id: str, text: str) -> Iterator[Sent]:
    pages.access.owned(viewer, session_id)
    rehearsal = pages.rehearsal
    status = rehearsal.status(session_id)
    pending = replace(status, messages=[*status.messages, {"role": "learner", "content": text}])
    before = show(pages, status, notice="")
    partial, shown_at = "", time.monotonic()  # a reply complete within the interval goes out in one piece
    for event in rehearsal.send(session_id, text):
        if isinstance(event, Refused):
            yield Sent(replace(before, notice=alert(event.message)), text)
            return
        if isinstance(event, PartnerChunk):
            partial += event.text
            if time.monotonic() - shown_at >= STREAM_INTERVAL_S:  # a fast partner's words arrive in batches
                shown_at = time.monotonic()
                yield Sent(replace(before, chat=chat_history(pending, partial)), "")
        elif isinstance(event, TurnFailed):
            yield Sent(show(pages, rehearsal.status(session_id), notice=alert(event.message)), "")
            return
        elif isinstance(event, TurnResult):
            yield Sent(show(pages, rehearsal.status(session_id)), "")


@handler()
def retry(pages: Pages, viewer: Viewer, session_id: str) -> Iterator[SessionView]:
    pages.access.owned(viewer, session_id)
    for event in pages.rehearsal.retry(session_id):
        if isinstance(event, TurnFailed):
            yield show(pages, pages.rehearsal.status(session_id), notice=alert(event.message))
            return
    yield show(pages, pages.rehearsal.status(session_id))


@handler()
def carry_on(pages: Pages, viewer: Viewer, session_id: str) -> SessionView:
    """After a check-in: it was part of the role-play; the learner types their next turn."""
    pages.access.owned(viewer, session_id)
    return show(pages, pages.rehearsal.carry_on(session_id))


@handler()
def need_help(pages: Pages, viewer: Viewer, session_id: str) -> SessionView:
    """After a check-in: the learner needs help now; the role-play stops as a crisis."""
    pages.access.owned(viewer, session_id)
    return show(pages, pages.rehearsal.need_help(session_id))


@handler()
def end(pages: Pages, viewer: Viewer, session_id: str) -> SessionView:
    pages.access.owned(viewer, session_id)
    return show(pages, pages.rehearsal.end(session_id))


def opened(pages: Pages, viewer: Viewer, session_id: str | None) -> Iterator[SessionView]:
    """The viewer's session as it stands; a turn cut off mid-way is finished first."""
    pages.access.owned(viewer, session_id)
    assert session_id is not None  # owned() refuses a missing id
    status = pages.rehearsal.status(session_id)
    if status.needs_recovery:
        yield from retry.fn(pages, viewer, session_id)
    else:
        yield show(pages, status)


@handler()
def reshow(pages: Pages, viewer: Viewer, session_id: str) -> SessionView:
    if not session_id:
        return show_empty(pages)
    pages.access.owned(viewer, session_id)
    return show(pages, pages.rehearsal.status(session_id))


@handler()
def new_rehearsal(pages: Pages, viewer: Viewer) -> Started:
    return Started(show_empty(pages), Forms())


@handler()
def resume(pages: Pages, viewer: Viewer, session_id: str | None) -> Iterator[Started]:
    for shown in opened(pages, viewer, session_id):
        yield Started(shown, Forms())


@handler()
def unfinished(pages: Pages, viewer: Viewer) -> Any:
    records = pages.store.sessions(status="active", learner_id=viewer.username)
    return gr.update(choices=[(session_label(r), r.id) for r in records[:100]], value=None)


def session_label(record: Any) -> str:
    outcome = (record.outcome or "in progress").replace("_", " ")
    return f"{record.scenario_title} · {record.started_at:%Y-%m-%d %H:%M} · {outcome}"


@handler(with_request=True)
def on_load(pages: Pages, viewer: Viewer, request: gr.Request) -> Iterator[Loaded]:
    """Open the session the page address names (`?session=`), if it is the viewer's."""
    session_id = request.query_params.get("session") if request else None
    if session_id:
        try:
            for shown in opened(pages, viewer, session_id):
                yield Loaded(shown, "")
            return
        except gr.Error as error:
            yield Loaded(show_empty(pages), alert(error.message))
            return
    yield Loaded(show_empty(pages), "")


# layout -------------------------------------------------------------------------------------
def build(pages: Pages, categories: list[str]) -> PractiseParts:
    """The tab's components, inside the caller's `gr.Tab`."""
    with gr.Column(visible=True, elem_id="choose-step") as choose_step:
        choose = _choose_step(pages, categories)
    with gr.Column(visible=False, elem_id="rehearse-step") as rehearse_step:
        rehearse = _rehearse_step()
    with gr.Column(visible=False, elem_id="post-survey") as post_step:
        post = _post_step()
    parts = PractiseParts(
        **choose,
        **rehearse,
        **post,
        choose_step=choose_step,
        rehearse_step=rehearse_step,
        post_step=post_step,
        session_id=gr.Textbox(visible=False, elem_id="session-id"),
        phase=gr.Textbox(visible=False, elem_id="session-phase"),
    )
    pages.register(parts)
    return parts


def _choose_step(pages: Pages, categories: list[str]) -> dict[str, Any]:
    shown: dict[str, Any] = {"page_notice": gr.HTML(elem_id="page-notice")}
    gr.Markdown("## 1. Choose a scenario")
    shown["category"] = gr.Dropdown(choices=categories, value=ALL, label="Category", elem_id="category")
    shown["scenario"] = gr.Radio(
        choices=scenario_cards(pages.rehearsal.library(), pages.rehearsal.catalog.skills),
        label="Scenarios",
        elem_id="scenario-cards",
        elem_classes=["rh-cards"],
    )
    shown["details"] = gr.HTML("<p>Choose a scenario to read the situation and your goal.</p>", elem_id="scenario-card")
    gr.Markdown(
        "## 2. Before you start: how do you feel about this conversation?\n"
        "Answer on a scale from 1 (not at all) to 7 (extremely). You may skip any question."
    )
    with gr.Group(elem_id="pre-survey"):
        shown["pre_items"] = [
            gr.Radio(choices=SCALE_CHOICES, label=ITEM_QUESTIONS[item], elem_id=f"pre-{item}") for item in SURVEY_ITEMS
        ]
    shown["values_note"] = gr.Textbox(visible=False, lines=2, elem_id="values-note")
    shown["start_button"] = gr.Button("Start rehearsal", variant="primary", elem_id="start-button")
    with gr.Accordion("Continue an unfinished session", open=False, elem_id="resume"):
        shown["resume_choice"] = gr.Dropdown(
            label="Your unfinished sessions", choices=[], elem_id="resume-picker", allow_custom_value=True
        )
        shown["resume_button"] = gr.Button("Continue", size="sm", elem_id="resume-button")
    return shown


def _rehearse_step() -> dict[str, Any]:
    shown: dict[str, Any] = {"session_heading": gr.HTML(elem_id="session-heading")}
    with gr.Row():
        with gr.Column(scale=3, min_width=300):
            # The stylesheet hides the chat's clear (trash) button: the conversation is the record.
            shown["chat"] = gr.Chatbot(label="Conversation", height=420, elem_id="conversation")
            shown["notice"] = gr.HTML(elem_id="notice")
            with gr.Row(visible=False, elem_id="check-in") as check_in_row:
                shown["carry_on_button"] = gr.Button(
                    "This was part of the role-play – carry on", elem_id="carry-on-button"
                )
                shown["need_help_button"] = gr.Button("I need help now", variant="stop", elem_id="need-help-button")
            shown["check_in_row"] = check_in_row
            shown["message"] = gr.Textbox(
                label="What you say",
                lines=1,
                max_lines=8,
                elem_id="message",
                placeholder="Type what you would say, then press Enter or Send (Shift+Enter starts a new line)",
                interactive=False,
            )
            with gr.Row():
                shown["send_button"] = gr.Button("Send", variant="primary", interactive=False, elem_id="send-button")
                shown["end_button"] = gr.Button("End session", interactive=False, elem_id="end-button")
                shown["retry_button"] = gr.Button("Retry", visible=False, elem_id="retry-button")
                shown["new_button"] = gr.Button("Choose another scenario", elem_id="new-button")
        with gr.Column(scale=2, min_width=300):
            shown["openness"] = gr.HTML(elem_id="openness")
            shown["coach"] = gr.HTML(coach_panel({}), elem_id="coach")
    shown["ratings"] = gr.HTML(ratings_table([]), elem_id="ratings")
    return shown


def _post_step() -> dict[str, Any]:
    gr.Markdown("## After the session: how do you feel now?\nSame scale, 1 to 7. You may skip any question.")
    return {
        "post_items": [
            gr.Radio(choices=SCALE_CHOICES, label=ITEM_QUESTIONS[item], elem_id=f"post-{item}") for item in SURVEY_ITEMS
        ],
        "honoured": gr.Radio(
            choices=["yes", "partly", "no"],
            elem_id="values-honoured",
            label="If you noted what your feeling pointed to: did the conversation honour it?",
        ),
        "save_post_button": gr.Button("Save answers and open the debrief", variant="primary", elem_id="save-post"),
        "post_saved": gr.Markdown(elem_id="post-saved"),
    }


# events -------------------------------------------------------------------------------------
def wire(pages: Pages, parts: PractiseParts) -> None:
    """The tab's own events; those that reach other tabs are wired by the app."""
    p, bind, out = parts, pages.bind, pages.outputs
    p.phase.change(bind(layout), p.phase, out(Layout), api_visibility="private")
    p.category.change(bind(cards), p.category, p.scenario, api_visibility="private")
    p.scenario.change(bind(card), p.scenario, p.details, api_visibility="private")
    p.start_button.click(bind(start), [p.scenario, p.values_note, *p.pre_items], out(Started), api_name="start").then(
        None, p.session_id, None, js=script("session-url")
    )
    emotion_inputs = p.pre_items[len(SURVEY_ITEMS) - len(EMOTION_ITEMS) :]
    for radio in emotion_inputs:
        radio.change(bind(emotion_prompt), emotion_inputs, p.values_note, api_visibility="private")
    sending, typed = bind(send), [p.session_id, p.message]
    p.message.submit(sending, typed, out(Sent), api_name="send_on_enter", api_visibility="private")
    p.send_button.click(sending, typed, out(Sent), api_name="send")
    for button, step, name in [
        (p.end_button, end, "end"),
        (p.retry_button, retry, "retry"),
        (p.carry_on_button, carry_on, "carry_on"),
        (p.need_help_button, need_help, "need_help"),
    ]:
        button.click(bind(step), p.session_id, out(SessionView), api_name=name)
    # Should a clear button show all the same, the conversation comes back from the record.
    p.chat.clear(bind(reshow), p.session_id, out(SessionView), api_visibility="private")
    p.new_button.click(bind(new_rehearsal), None, out(Started), api_visibility="private").then(
        bind(unfinished), None, p.resume_choice
    ).then(bind(cards), p.category, p.scenario)
    p.resume_button.click(bind(resume), p.resume_choice, out(Started), api_name="open_session").then(
        None, p.session_id, None, js=script("session-url")
    )
