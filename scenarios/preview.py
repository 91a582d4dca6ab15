"""A scenario as text: the card the learner reads and the card that drives the partner."""

from __future__ import annotations

import textwrap

from scenarios.schema import Scenario

WIDTH = 88


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=f"{label}: ", subsequent_indent="  ")


def _items(label: str, items: list[str]) -> list[str]:
    return [f"{label}:"] + [
        textwrap.fill(item, WIDTH, initial_indent="  - ", subsequent_indent="    ") for item in items
    ]


def learner_card(scenario: Scenario) -> str:
    lines = [
        f"== Learner card: {scenario.title} ({scenario.id}) ==",
        (
            f"Category: {scenario.category.value}   Difficulty: {scenario.partner.difficulty.value}   "
            f"Turns: up to {scenario.max_turns}"
        ),
        _wrap("Situation", scenario.situation),
        _wrap("Your goal", scenario.goal),
        _wrap("You talk to", f"{scenario.partner.name}, {scenario.partner.role}"),
    ]
    if scenario.facts.visible:
        lines += _items("What you know", scenario.facts.visible)
    lines.append(_wrap("Skills in play", ", ".join(scenario.skills)))
    return "\n".join(lines)


def partner_card(scenario: Scenario) -> str:
    partner = scenario.partner
    required = ", ".join(f"{r.skill} {r.level.value}" for r in scenario.success.requires) or "nothing"
    lines = [
        f"== Partner card: {partner.name}, {partner.role} ==",
        _wrap("Persona", partner.persona),
        _wrap("Style", partner.style),
    ]
    for label, items in (
        ("Motives", partner.motives),
        ("Triggers", partner.triggers),
        ("Hidden facts", scenario.facts.hidden),
        ("Objections", partner.objections),
    ):
        if items:
            lines += _items(label, items)
    lines += [
        _wrap("Opening", partner.opening),
        "Lines per stance: "
        + ", ".join(
            f"{band} {len(getattr(partner.lines, band))}" for band in ("resistant", "guarded", "wavering", "agreeing")
        ),
        _wrap("Agrees when", f"openness >= {scenario.success.min_openness} and the learner has shown {required}"),
    ]
    if scenario.coach_notes:
        lines.append(_wrap("Coach notes", scenario.coach_notes))
    return "\n".join(lines)
