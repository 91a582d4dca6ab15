"""The pages' stylesheet, scripts and theme: files beside the code, read when the app is built."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import gradio as gr

STATIC_DIR = Path(__file__).parent / "static"


@cache
def stylesheet() -> str:
    return (STATIC_DIR / "rehearse.css").read_text(encoding="utf-8")


@cache
def script(name: str) -> str:
    """A small browser-side function for an event's `js=`, from static/NAME.js."""
    return (STATIC_DIR / f"{name}.js").read_text(encoding="utf-8")


def offline_theme() -> gr.themes.Base:
    """The default look with system fonts, so the page loads nothing from the internet, and
    primary buttons dark enough for their white text."""
    theme = gr.themes.Default(
        primary_hue="blue",
        font=[gr.themes.Font("system-ui"), "sans-serif"],
        font_mono=[gr.themes.Font("ui-monospace"), "monospace"],
    )
    # The default primary buttons (blue-500 under white text) fall short of WCAG AA 4.5:1.
    return theme.set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_text_color="white",
    )
