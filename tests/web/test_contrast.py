"""Text colours on the pages meet WCAG AA contrast (4.5:1) against their backgrounds."""

from __future__ import annotations

import re

import pytest

from simulator.web.assets import offline_theme, stylesheet

CSS = stylesheet()  # the file the pages load

WHITE = "#ffffff"


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def css_text_colours() -> list[tuple[str, str, str]]:
    """(rule, text colour, background) for every rule of ours that sets a text colour."""
    pairs = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)
        if colour:
            background = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", body)
            pairs.append((selector.strip(), colour.group(1), background.group(1) if background else WHITE))
    return pairs


def test_the_stylesheet_sets_text_colours():
    assert len(css_text_colours()) >= 8


@pytest.mark.parametrize("rule, foreground, background", css_text_colours())
def test_our_text_colours_are_readable(rule, foreground, background):
    assert contrast(foreground, background) >= 4.5, rule


@pytest.mark.parametrize("background", ["#fff1d6", "#fff4f4", "#f3f6fb"])
def test_warning_and_note_text_stays_readable_on_tinted_rows(background):
    for foreground in ("#8a1c1c", "#111111", "#222222"):
        assert contrast(foreground, background) >= 4.5


def test_primary_buttons_are_dark_enough_for_white_text():
    theme = offline_theme()
    assert theme.button_primary_background_fill == "*primary_700"
    assert contrast(WHITE, theme.primary_700) >= 4.5
    assert contrast(WHITE, theme.primary_800) >= 4.5
