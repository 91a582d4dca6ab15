"""The Rehearse browser app (Gradio): pick a scenario, rehearse, see skill feedback each turn.

Thin on purpose: the rehearsal itself lives in `simulator.runtime.Rehearsal`.
Run with `python app.py` or `rehearse serve`; settings come from REHEARSE_* variables.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html import escape
import os
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no network: no usage analytics

import gradio as gr  # noqa: E402

from feedback.presentation import coach_panel, openness_panel, ratings_table
from feedback.surveys import EMOTION_ITEMS, EMOTION_PROMPT_THRESHOLD, ITEM_QUESTIONS, SURVEY_ITEMS, SurveyAnswers
from simulator.runtime import PartnerChunk, Refused, Rehearsal, SessionStatus, TurnFailed, TurnResult
from simulator.settings import Settings

CSS = """
.rh-ratings { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
.rh-ratings caption { text-align: left; font-weight: 600; padding: 4px 0; }
.rh-ratings th, .rh-ratings td { border-bottom: 1px solid #d0d4da; padding: 6px; text-align: left; vertical-align: top; }
.rh-level-strong .rh-level { color: #0b5d1e; font-weight: 600; }
.rh-level-weak .rh-level { color: #7a4a00; font-weight: 600; }
.rh-level-none .rh-level { color: #444; }
.rh-reason { color: #333; font-size: 0.85rem; margin-top: 2px; }
.rh-coach { padding: 8px; border-left: 4px solid #2b4c7e; background: #f3f6fb; color: #111; }
.rh-silent { border-left-color: #9aa3ad; letter-spacing: 0.3em; color: #333; }
.rh-openness meter { width: 12rem; vertical-align: middle; }
.rh-notice { color: #8a1c1c; font-weight: 600; }
.rh-crisis { padding: 10px; border: 2px solid #8a1c1c; background: #fff4f4; color: #111; }
@media (max-width: 640px) { .rh-ratings { font-size: 0.85rem; } .rh-ratings td, .rh-ratings th { padding: 4px; } }
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


def build_app(rehearsal: Rehearsal) -> gr.Blocks:
    def scenario_choices() -> list[tuple[str, str]]:
        library = rehearsal.library()
        return [(f"{s.scenario.title} ({s.scenario.category.value}, {s.scenario.partner.difficulty.value})", s.id)
                for s in sorted(library.scenarios.values(), key=lambda s: (s.scenario.category.value, s.scenario.title))]

    def refresh_scenarios(current: str | None) -> tuple[Any, str]:
        choices = scenario_choices()
        ids = {value for _, value in choices}
        return gr.update(choices=choices, value=current if current in ids else None), invalid_files()

    def invalid_files() -> str:
        broken = rehearsal.library().invalid_files
        if not broken:
            return ""
        items = "".join(f"<li><code>{escape(str(p))}</code></li>" for problems in broken.values() for p in problems)
        return (f"<details class='rh-invalid'><summary>{len(broken)} scenario file(s) have problems and are not offered"
                f"</summary><ul>{items}</ul></details>")

    def scenario_card(scenario_id: str | None) -> str:
        if not scenario_id:
            return "Pick a scenario to read the situation and your goal."
        try:
            scenario = rehearsal.library().get(scenario_id).scenario
        except KeyError as error:
            return f"<p class='rh-notice'>{escape(str(error.args[0]))}</p>"
        skills = ", ".join(scenario.skills)
        return (f"### {scenario.title}\n\n**Situation.** {scenario.situation}\n\n**Your goal.** {scenario.goal}\n\n"
                f"**You are talking to** {scenario.partner.name}, {scenario.partner.role}. "
                f"Difficulty: {scenario.partner.difficulty.value}. Skills in play: {skills}.")

    def chat_history(status: SessionStatus, partial: str | None = None) -> list[dict[str, str]]:
        history = [{"role": "assistant" if m["role"] == "partner" else "user", "content": m["content"]}
                   for m in status.messages]
        if partial is not None:
            history.append({"role": "assistant", "content": partial})
        return history

    def panels(status: SessionStatus) -> tuple[str, str, str]:
        turn = status.last_turn
        spoke = [t.coach_text is not None for t in rehearsal.store.turns(status.session_id)]
        if turn is None:
            return ratings_table([]), coach_panel({}, spoke), openness_panel(status.openness, status.band, [])
        return (ratings_table(turn.ratings), coach_panel(turn.coach, spoke),
                openness_panel(turn.openness, turn.band, turn.changes))

    def notice_for(status: SessionStatus) -> str:
        if status.outcome == "crisis":
            return f"<div class='rh-crisis' role='alert'>The role-play has stopped. {escape(rehearsal.settings.crisis_resources)}</div>"
        if status.outcome:
            return f"<p role='status'><strong>Session ended:</strong> {escape(status.outcome.replace('_', ' '))}.</p>"
        if status.needs_recovery:
            return "<p class='rh-notice' role='alert'>Your last turn was saved but not finished. Press Retry.</p>"
        return ""

    def show(status: SessionStatus, partial: str | None = None, notice: str | None = None) -> tuple[Any, ...]:
        ratings, coach, openness = panels(status)
        active = not status.outcome
        return (status.session_id, chat_history(status, partial), ratings, coach, openness,
                notice if notice is not None else notice_for(status),
                gr.update(interactive=active), gr.update(interactive=active), gr.update(interactive=active),
                gr.update(visible=status.needs_recovery))

    def survey_values(answers: tuple[Any, ...]) -> dict[str, int]:
        return {item: int(value) for item, value in zip(SURVEY_ITEMS, answers) if value not in (None, "")}

    def start(scenario_id: str | None, learner: str, note: str, *pre: Any) -> tuple[Any, ...]:
        if not scenario_id:
            raise gr.Error("Pick a scenario first.")
        status = rehearsal.start(scenario_id, learner_id=(learner or "guest").strip()[:80] or "guest")
        answers = SurveyAnswers(phase="pre", values=survey_values(pre))
        if answers.values:
            rehearsal.record_survey(status.session_id, answers)
        strong = answers.strong_emotions()
        if strong and note and note.strip():
            rehearsal.record_values_note(status.session_id, strong[0], note)
        return show(status)

    def emotion_prompt(*emotions: Any) -> Any:
        strong = [item for item, value in zip(EMOTION_ITEMS, emotions) if value and int(value) >= EMOTION_PROMPT_THRESHOLD]
        label = (f"You rated {', '.join(strong)} {EMOTION_PROMPT_THRESHOLD} or higher. What does that feeling tell you "
                 "about what matters to you here? (optional)") if strong else ""
        return gr.update(visible=bool(strong), label=label)

    def values_card(session_id: str) -> str:
        record = rehearsal.store.get_session(session_id) if session_id else None
        if record is None or not record.values_note:
            return ""
        return f"**What matters to you here** ({escape(record.values_emotion or '')}): {escape(record.values_note)}"

    def save_post(session_id: str, honoured: str | None, *post: Any) -> str:
        if not session_id:
            raise gr.Error("There is no session to answer about.")
        answers = SurveyAnswers(phase="post", values=survey_values(post))
        if answers.values:
            rehearsal.record_survey(session_id, answers)
        if honoured:
            rehearsal.record_values_honoured(session_id, honoured)
        return f"Saved {len(answers.values)} answer(s)."

    def send(session_id: str, text: str) -> Iterator[tuple[Any, ...]]:
        if not session_id:
            raise gr.Error("Start a session first.")
        status = rehearsal.status(session_id)
        partial = ""
        for event in rehearsal.send(session_id, text):
            if isinstance(event, Refused):
                yield (*show(status, notice=f"<p class='rh-notice' role='alert'>{escape(event.message)}</p>"), gr.update(value=text))
                return
            if isinstance(event, PartnerChunk):
                partial += event.text
                pending = replace(status, messages=[*status.messages, {"role": "learner", "content": text}])
                yield (*show(pending, partial=partial), gr.update(value=""))
            elif isinstance(event, TurnFailed):
                yield (*show(rehearsal.status(session_id), notice=f"<p class='rh-notice' role='alert'>{escape(event.message)}</p>"), gr.update(value=""))
                return
            elif isinstance(event, TurnResult):
                yield (*show(rehearsal.status(session_id)), gr.update(value=""))

    def retry(session_id: str) -> Iterator[tuple[Any, ...]]:
        if not session_id:
            raise gr.Error("Start or open a session first.")
        for event in rehearsal.retry(session_id):
            if isinstance(event, TurnFailed):
                yield show(rehearsal.status(session_id), notice=f"<p class='rh-notice' role='alert'>{escape(event.message)}</p>")
                return
        yield show(rehearsal.status(session_id))

    def redo(session_id: str, turn: float | None) -> tuple[Any, ...]:
        if not session_id:
            raise gr.Error("Open a session first.")
        if not turn:
            raise gr.Error("Choose the turn to do again.")
        try:
            return show(rehearsal.redo_from(session_id, int(turn)))
        except ValueError as error:
            raise gr.Error(str(error))

    def end(session_id: str) -> tuple[Any, ...]:
        if not session_id:
            raise gr.Error("There is no session to end.")
        return show(rehearsal.end(session_id))

    def open_session(session_id: str | None) -> Iterator[tuple[Any, ...]]:
        if not session_id:
            raise gr.Error("Pick a session to continue.")
        try:
            status = rehearsal.status(session_id)
        except KeyError:
            raise gr.Error("That session was not found.")
        if status.needs_recovery:
            yield from retry(session_id)
        else:
            yield show(status)

    def on_load(request: gr.Request) -> Iterator[tuple[Any, ...]]:
        session_id = request.query_params.get("session") if request else None
        if session_id:
            try:
                yield from open_session(session_id)
                return
            except gr.Error:
                pass
        yield show_empty()

    def show_empty() -> tuple[Any, ...]:
        return ("", [], ratings_table([]), coach_panel({}), "", "", gr.update(interactive=False),
                gr.update(interactive=False), gr.update(interactive=False), gr.update(visible=False))

    def active_sessions() -> Any:
        choices = [(f"{s.scenario_title} · {s.learner_id} · {s.started_at:%Y-%m-%d %H:%M}", s.id)
                   for s in rehearsal.store.sessions(status="active")[:50]]
        return gr.update(choices=choices, value=None)

    with gr.Blocks(title="Rehearse") as demo:
        gr.Markdown("# Rehearse\nPractise a hard conversation. After each turn you see how each skill came across.")
        with gr.Row():
            with gr.Column(scale=2):
                scenario = gr.Dropdown(choices=scenario_choices(), label="Scenario", elem_id="scenario-picker")
                learner = gr.Textbox(label="Your name or code (optional)", max_lines=1, elem_id="learner-name")
                start_button = gr.Button("Start rehearsal", variant="primary", elem_id="start-button")
                with gr.Accordion("Continue an unfinished session", open=False):
                    resume_choice = gr.Dropdown(label="Unfinished sessions", choices=[], elem_id="resume-picker",
                                                allow_custom_value=True)
                    with gr.Row():
                        refresh_button = gr.Button("Refresh list", size="sm")
                        resume_button = gr.Button("Continue", size="sm", elem_id="resume-button")
                with gr.Accordion("Before you start: how do you feel about this conversation? (optional)", open=False,
                                  elem_id="pre-survey"):
                    pre_items = [gr.Radio(choices=[str(v) for v in range(1, 8)], label=f"{ITEM_QUESTIONS[item]} (1 = not at all, 7 = extremely)",
                                          elem_id=f"pre-{item}") for item in SURVEY_ITEMS]
                    values_note = gr.Textbox(visible=False, lines=2, elem_id="values-note")
                card = gr.Markdown(scenario_card(None), elem_id="scenario-card")
                values_shown = gr.Markdown(elem_id="values-card")
                problems = gr.HTML(invalid_files(), elem_id="scenario-problems")
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Conversation", height=420, elem_id="conversation")
                notice = gr.HTML(elem_id="notice")
                message = gr.Textbox(label="What you say", placeholder="Type what you would say, then press Enter or Send",
                                     lines=2, max_lines=8, elem_id="message", interactive=False)
                with gr.Row():
                    send_button = gr.Button("Send", variant="primary", interactive=False, elem_id="send-button")
                    end_button = gr.Button("End session", interactive=False, elem_id="end-button")
                    retry_button = gr.Button("Retry", visible=False, elem_id="retry-button")
                with gr.Row():
                    redo_turn = gr.Number(label="Turn to do again", precision=0, minimum=1, value=None,
                                          elem_id="redo-turn", scale=1)
                    redo_button = gr.Button("Do it again from this turn", elem_id="redo-button", scale=2)
        with gr.Accordion("After the session: how do you feel now? (optional)", open=False, elem_id="post-survey"):
            post_items = [gr.Radio(choices=[str(v) for v in range(1, 8)], label=f"{ITEM_QUESTIONS[item]} (1 = not at all, 7 = extremely)",
                                   elem_id=f"post-{item}") for item in SURVEY_ITEMS]
            honoured = gr.Radio(choices=["yes", "partly", "no"], elem_id="values-honoured",
                                label="If you noted what your feeling pointed to: did the conversation honour it?")
            save_post_button = gr.Button("Save answers", elem_id="save-post")
            post_saved = gr.Markdown()
        with gr.Column():
            openness = gr.HTML(elem_id="openness")
            coach = gr.HTML(coach_panel({}), elem_id="coach")
            ratings = gr.HTML(ratings_table([]), elem_id="ratings")
        session_id = gr.Textbox(visible=False, elem_id="session-id")

        outputs = [session_id, chat, ratings, coach, openness, notice, message, send_button, end_button, retry_button]
        scenario.change(scenario_card, scenario, card)
        scenario.focus(refresh_scenarios, scenario, [scenario, problems], api_visibility="private")
        start_button.click(start, [scenario, learner, values_note, *pre_items], outputs, api_name="start").then(
            None, session_id, None, js=SESSION_URL_JS).then(values_card, session_id, values_shown)
        for radio in pre_items[len(SURVEY_ITEMS) - len(EMOTION_ITEMS):]:
            radio.change(emotion_prompt, pre_items[len(SURVEY_ITEMS) - len(EMOTION_ITEMS):], values_note,
                         api_visibility="private")
        save_post_button.click(save_post, [session_id, honoured, *post_items], post_saved, api_name="save_post")
        send_event = dict(fn=send, inputs=[session_id, message], outputs=[*outputs, message])
        message.submit(**send_event, api_name="send_on_enter", api_visibility="private")
        send_button.click(**send_event, api_name="send")
        end_button.click(end, session_id, outputs, api_name="end")
        retry_button.click(retry, session_id, outputs, api_name="retry")
        redo_button.click(redo, [session_id, redo_turn], outputs, api_name="redo")
        refresh_button.click(active_sessions, None, resume_choice)
        resume_button.click(open_session, resume_choice, outputs, api_name="open_session").then(None, session_id, None, js=SESSION_URL_JS)
        demo.load(on_load, None, outputs).then(active_sessions, None, resume_choice).then(
            refresh_scenarios, scenario, [scenario, problems])
    return demo


def launch(settings: Settings | None = None) -> None:
    settings = settings or Settings()
    rehearsal = Rehearsal(settings)
    demo = build_app(rehearsal)
    demo.queue(default_concurrency_limit=8)
    print(f"Rehearse is running at http://{settings.host}:{settings.port}", flush=True)
    demo.launch(server_name=settings.host, server_port=settings.port, css=CSS, show_error=True,
                theme=offline_theme(), footer_links=[])


def offline_theme() -> gr.themes.Base:
    """The default look with system fonts, so the page loads nothing from the internet."""
    return gr.themes.Default(font=[gr.themes.Font("system-ui"), "sans-serif"],
                             font_mono=[gr.themes.Font("ui-monospace"), "monospace"])


if __name__ == "__main__":
    launch()
