"""What every page shares: the header with the signed-in person and the sign-out button, and the
tabs their role may use (learners never see the console; researchers not the editor or accounts)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from simulator.web.accounts import Capability, Viewer
from simulator.web.handlers import Pages, handler
from simulator.web.pages.console import ConsoleTabs, tabs_for


@dataclass
class ShellParts:
    top: gr.HTML
    tabs: gr.Tabs
    console_tab: gr.Tab


@dataclass
class Header:
    top: str
    console_tab: Any
    console: ConsoleTabs


def header_html(viewer: Viewer) -> str:
    name = escape(viewer.display_name or viewer.username)
    return (
        f"<div class='rh-header'><h1>Rehearse</h1><div>Signed in as <strong>{name}</strong> "
        f"({viewer.role.value}) · <form method='post' action='logout' class='rh-sign-out'>"
        "<button type='submit' id='sign-out'>Sign out</button></form></div></div>"
    )


@handler()
def header(pages: Pages, viewer: Viewer) -> Header:
    return Header(header_html(viewer), gr.update(visible=viewer.can(Capability.view_cohort)), tabs_for(viewer))
