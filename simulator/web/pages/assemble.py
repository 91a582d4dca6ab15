"""The browser app from its pages: the header, the tabs, and the events that cross tabs."""

from __future__ import annotations

import gradio as gr

from simulator.runtime import Rehearsal
from simulator.web.access import Access
from simulator.web.accounts import Accounts
from simulator.web.assets import script
from simulator.web.handlers import Pages
from simulator.web.pages import console, debrief, practise, progress, shell
from simulator.web.pages.console.cohort import OpenedDebrief
from simulator.web.pages.shell import ShellParts


def build_app(rehearsal: Rehearsal, accounts: Accounts) -> gr.Blocks:
    pages = Pages(rehearsal, Access(accounts, rehearsal.store))
    categories = [practise.ALL, *sorted({s.scenario.category.value for s in rehearsal.library().scenarios.values()})]
    with gr.Blocks(title="Rehearse") as demo:
        top = gr.HTML("<h1>Rehearse</h1>", elem_id="header")
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab("Practise", id="practise", elem_id="tab-practise"):
                practising = practise.build(pages, categories)
            with gr.Tab("Debrief", id="debrief", elem_id="tab-debrief"):
                debriefing = debrief.build(pages)
            with gr.Tab("Progress", id="progress", elem_id="tab-progress") as progress_tab:
                tracking = progress.build(pages)
            with gr.Tab("Console", id="console", elem_id="tab-console", visible=False) as console_tab:
                console.build_and_wire(pages, console_tab)
        pages.register(ShellParts(top, tabs, console_tab))
        practise.wire(pages, practising)
        debrief.wire(pages, debriefing)
        progress.wire(pages, tracking, progress_tab)
        wire_across_tabs(pages, demo, practising, debriefing)
    return demo


def wire_across_tabs(
    pages: Pages, demo: gr.Blocks, practising: practise.PractiseParts, debriefing: debrief.DebriefParts
) -> None:
    bind, out, c = pages.bind, pages.outputs, pages.components
    practising.save_post_button.click(
        bind(practise.save_post),
        [c["session_id"], c["honoured"], *c["post_items"]],
        out(practise.SavedPost),
        api_name="save_post",
    )
    debriefing.redo_button.click(
        bind(debrief.redo), [c["debrief_pick"], c["redo_turn"]], out(debrief.Redone), api_name="redo"
    ).then(None, c["session_id"], None, js=script("session-url"))
    c["cohort_open"].click(
        bind(console.cohort.open_debrief), c["cohort_session"], out(OpenedDebrief), api_name="console_open_debrief"
    )
    demo.load(bind(shell.header), None, out(shell.Header)).then(
        bind(practise.cards), c["category"], c["scenario"]
    ).then(bind(practise.on_load), None, out(practise.Loaded)).then(
        bind(practise.unfinished), None, c["resume_choice"]
    ).then(bind(debrief.debrief_choices), None, c["debrief_pick"])
    c["tabs"].change(bind(debrief.debrief_choices), None, c["debrief_pick"], api_visibility="private")
