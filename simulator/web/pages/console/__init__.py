"""The console for instructors and researchers, one module per tab: scenarios, write or upload,
cohort, studies, export, accounts. Each person sees the tabs their role may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from simulator.web.accounts import Capability, Viewer
from simulator.web.handlers import Pages
from simulator.web.pages.console import accounts, authoring, cohort, export, scenarios, studies


@dataclass
class ConsoleTabs:
    """The console's tabs that depend on the role (as components, or as updates to them)."""

    console_author_tab: Any
    console_cohort_tab: Any
    console_studies_tab: Any
    console_export_tab: Any
    console_accounts_tab: Any


TAB_CAPABILITY = {
    "console_author_tab": Capability.author_scenarios,
    "console_cohort_tab": Capability.view_cohort,
    "console_studies_tab": Capability.run_studies,
    "console_export_tab": Capability.export_data,
    "console_accounts_tab": Capability.manage_accounts,
}


def tabs_for(viewer: Viewer) -> ConsoleTabs:
    return ConsoleTabs(**{name: gr.update(visible=viewer.can(need)) for name, need in TAB_CAPABILITY.items()})


def build_and_wire(pages: Pages, console_tab: gr.Tab) -> None:
    """The console's tabs inside `console_tab`, hidden until the header shows those the viewer may use."""
    with gr.Tabs(elem_id="console-tabs"):
        with gr.Tab("Scenarios", id="console-scenarios"):
            listed = scenarios.build(pages)
        with gr.Tab("Write or upload", id="console-author", visible=False) as author_tab:
            authored = authoring.build(pages)
        with gr.Tab("Cohort", id="console-cohort", visible=False) as cohort_tab:
            learners = cohort.build(pages)
        with gr.Tab("Studies", id="console-studies", visible=False) as studies_tab:
            enrolment = studies.build(pages)
        with gr.Tab("Export", id="console-export", visible=False) as export_tab:
            exported = export.build(pages)
        with gr.Tab("Accounts", id="console-accounts", visible=False) as accounts_tab:
            people = accounts.build(pages)
    pages.register(ConsoleTabs(author_tab, cohort_tab, studies_tab, export_tab, accounts_tab))
    scenarios.wire(pages, listed)
    console_tab.select(
        pages.bind(scenarios.scenario_rows), None, pages.outputs(scenarios.ScenarioList), api_visibility="private"
    )
    authoring.wire(pages, authored)
    cohort.wire(pages, learners, cohort_tab)
    studies.wire(pages, enrolment, studies_tab)
    export.wire(pages, exported)
    accounts.wire(pages, people, accounts_tab)
