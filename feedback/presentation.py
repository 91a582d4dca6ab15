"""HTML for the feedback panel: each skill's level with the learner's words and the contrast."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from feedback.rating import Rating
from feedback.skills import BUILT_IN_SKILLS, Skill

LEVEL_MARKS = {"strong": "● strong", "weak": "◐ weak", "none": "○ none"}


def shown_contrast(rating: Rating) -> tuple[str | None, str | None]:
    """The "stronger way" and "weaker way" a learner sees beside their words for this rating."""
    return rating.rewrite or rating.nearest_strong or None, rating.nearest_weak or None


def matters_now(rating: Rating) -> bool:
    """Shown as a card: a fault, a flawed attempt, or a skill shown strongly. A skill simply not
    shown this turn waits behind "other skills"."""
    return rating.fault is not None or rating.level in ("strong", "weak")


def ratings_table(ratings: Sequence[Rating], skills: Mapping[str, Skill] = BUILT_IN_SKILLS) -> str:
    """This turn's feedback as compact cards (level, one-line reason, a stronger way), faults and
    flawed attempts first; skills not shown this turn one tap away."""
    if not ratings:
        return '<p class="rh-empty">Skill feedback appears here after your first turn.</p>'
    order = {"weak": 1, "strong": 2, "none": 3}
    shown = sorted((r for r in ratings if matters_now(r)), key=lambda r: 0 if r.fault else order[r.level])
    rest = [r for r in ratings if not matters_now(r)]
    cards = "".join(_card(r, skills) for r in shown) or '<p class="rh-empty">No skill showed in this turn.</p>'
    others = ""
    if rest:
        items = "".join(
            f'<li data-skill="{escape(r.skill)}"><strong>{escape(_name(r.skill, skills))}</strong>: '
            f"{escape(r.reason)}"
            f"{_line('A stronger way', shown_contrast(r)[0])}</li>"
            for r in rest
        )
        others = (
            f'<details class="rh-other-skills"><summary>Other skills, not shown this turn ({len(rest)})'
            f"</summary><ul>{items}</ul></details>"
        )
    return f'<section class="rh-ratings" aria-label="Skills this turn">{cards}{others}</section>'


def _card(rating: Rating, skills: Mapping[str, Skill]) -> str:
    stronger, weaker = shown_contrast(rating)
    mark = "⚠ fault" if rating.fault else LEVEL_MARKS[rating.level]
    level_class = "fault" if rating.fault else rating.level
    words = _line("Your words", rating.evidence) if rating.level != "strong" or rating.fault else ""
    return (
        f'<article class="rh-card rh-level-{level_class}" data-skill="{escape(rating.skill)}">'
        f'<h4><span class="rh-level">{mark}</span> {escape(_name(rating.skill, skills))}</h4>'
        f'<p class="rh-reason">{escape(rating.reason)}</p>{words}'
        f"{_line('A stronger way', stronger) if rating.level != 'strong' else ''}"
        f"{_line('A weaker way', weaker) if rating.level == 'strong' else ''}</article>"
    )


def _line(label: str, text: str | None) -> str:
    return f'<p class="rh-contrast"><span>{label}:</span> {_quote(text)}</p>' if text else ""


def _name(skill_id: str, skills: Mapping[str, Skill]) -> str:
    skill = skills.get(skill_id) or BUILT_IN_SKILLS.get(skill_id)
    return skill.name if skill else skill_id


def coach_panel(
    coach: Mapping[str, Any], history_spoke: Sequence[bool] = (), skills: Mapping[str, Skill] = BUILT_IN_SKILLS
) -> str:
    """The coach's words, or why it stayed quiet, with how often it has spoken so far; skill
    names from `skills` (the catalog, packs included)."""
    spoke = sum(history_spoke)
    tally = f' <span class="rh-tally">(spoke on {spoke} of {len(history_spoke)} turns)</span>' if history_spoke else ""
    if coach.get("spoke"):
        return (
            f'<div class="rh-coach" role="status"><strong>Coach:</strong> {escape(coach.get("text", ""))}{tally}</div>'
        )
    upcoming = coach.get("next_skill")
    silence = coach.get("silence") or (
        "The coach speaks after your turn when something needs changing."
        if not history_spoke
        else "The coach is quiet: nothing that matters now needs changing."
    )
    suffix = f" Next skill to try: {escape(_name(upcoming, skills))}." if upcoming and not coach.get("silence") else ""
    return f'<div class="rh-coach rh-silent" role="status">{escape(silence)}{suffix}{tally}</div>'


def openness_panel(openness: int, band: str, changes: Sequence[str]) -> str:
    reasons = "".join(f"<li>{escape(c)}</li>" for c in changes)
    return (
        f'<div class="rh-openness"><label for="rh-openness-meter">Partner openness: <strong>{escape(band)}</strong> '
        f'({openness}/100)</label> <meter id="rh-openness-meter" min="0" max="100" low="30" high="75" optimum="100" '
        f'value="{openness}">{openness}</meter>'
        f"{f'<ul class=rh-changes>{reasons}</ul>' if reasons else ''}</div>"
    )


def _quote(text: str) -> str:
    return f"<q>{escape(text)}</q>" if text else ""
