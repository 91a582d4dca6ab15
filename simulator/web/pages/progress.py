"""The Progress tab: self-efficacy, emotions and skill mastery across the learner's sessions,
read afresh whenever the tab is opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from simulator.research.progress import learner_progress
from simulator.web.accounts import Viewer
from simulator.web.handlers import Pages, handler
from simulator.web.views import (
    emotions_figure,
    mastery_figure,
    progress_summary,
    self_efficacy_figure,
)

NO_SESSIONS = "<p>No sessions yet. Your progress appears here after your first rehearsal.</p>"


@dataclass
class ProgressParts:
    progress_button: gr.Button
    progress_text: gr.HTML
    efficacy_plot: gr.Plot
    emotion_plot: gr.Plot
    mastery_plot: gr.Plot


@dataclass
class ProgressView:
    progress_text: str
    efficacy_plot: Any
    emotion_plot: Any
    mastery_plot: Any


@handler()
def progress(pages: Pages, viewer: Viewer) -> ProgressView:
    library = pages.rehearsal.library()
    data = learner_progress(pages.store.engine, viewer.username, library)
    if not data.sessions:
        return ProgressView(NO_SESSIONS, None, None, None)
    return ProgressView(
        progress_summary(data, library, pages.rehearsal.catalog.skills),
        self_efficacy_figure(data),
        emotions_figure(data),
        mastery_figure(data),
    )


def build(pages: Pages) -> ProgressParts:
    parts = ProgressParts(
        gr.Button("Refresh", size="sm", elem_id="progress-button"),
        gr.HTML(elem_id="progress-summary"),
        gr.Plot(label="Self-efficacy before and after each session", elem_id="progress-efficacy"),
        gr.Plot(label="Emotions before and after each session", elem_id="progress-emotions"),
        gr.Plot(label="Skill mastery per session", elem_id="progress-mastery"),
    )
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: ProgressParts, tab: gr.Tab) -> None:
    """Refreshed by its button and every time the tab is opened."""
    parts.progress_button.click(pages.bind(progress), None, pages.outputs(ProgressView), api_name="progress")
    tab.select(pages.bind(progress), None, pages.outputs(ProgressView), api_visibility="private")
