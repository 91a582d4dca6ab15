"""HTML for the feedback panel: each skill's level with the learner's words and the contrast."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from feedback.rating import Rating
from feedback.skills import BUILT_IN_SKILLS

LEVEL_MARKS = {"strong": "● strong", "weak": "◐ weak", "none": "○ none"}


def shown_contrast(rating: Rating) -> tuple[str | None, str | None]:
    """The "stronger way" and "weaker way" a learner sees beside their words for this rating."""
    return rating.rewrite or rating.nearest_strong or None, rating.nearest_weak or None


def ratings_table(ratings: Sequence[Rating]) -> str:
    if not ratings:
        return '<p class="rh-empty">Skill feedback appears here after your first turn.</p>'
    rows = []
    for rating in ratings:
        skill = BUILT_IN_SKILLS.get(rating.skill)
        name = skill.name if skill else rating.skill
        stronger, weaker = shown_contrast(rating)
        rows.append(
            f'<tr class="rh-level-{rating.level}" data-skill="{escape(rating.skill)}">'
            f'<th scope="row">{escape(name)}</th>'
            f'<td class="rh-level">{LEVEL_MARKS[rating.level]}</td>'
            f"<td>{_quote(rating.evidence)}<div class=\"rh-reason\">{escape(rating.reason)}</div></td>"
            f"<td>{_quote(stronger or '')}</td>"
            f"<td>{_quote(weaker or '')}</td></tr>"
        )
    return (
        '<table class="rh-ratings"><caption>Skills this turn</caption>'
        '<thead><tr><th scope="col">Skill</th><th scope="col">Level</th><th scope="col">Your words</th>'
        '<th scope="col">A stronger way</th><th scope="col">A weaker way</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def coach_panel(coach: Mapping[str, Any], history_spoke: Sequence[bool] = ()) -> str:
    """The coach's words, or a quiet row of ticks for each turn it stayed silent."""
    ticks = "".join("·" if not spoke else "◆" for spoke in history_spoke)
    if coach.get("spoke"):
        return f'<div class="rh-coach" role="status"><strong>Coach:</strong> {escape(coach.get("text", ""))}</div>'
    upcoming = coach.get("next_skill")
    suffix = f" Next skill to try: {escape(BUILT_IN_SKILLS[upcoming].name)}." if upcoming in BUILT_IN_SKILLS else ""
    return f'<div class="rh-coach rh-silent" role="status" title="The coach stayed silent">{ticks or "·"}{suffix}</div>'


def openness_panel(openness: int, band: str, changes: Sequence[str]) -> str:
    reasons = "".join(f"<li>{escape(c)}</li>" for c in changes)
    return (
        f'<div class="rh-openness"><label for="rh-openness-meter">Partner openness: <strong>{escape(band)}</strong> '
        f'({openness}/100)</label> <meter id="rh-openness-meter" min="0" max="100" low="30" high="75" optimum="100" '
        f'value="{openness}">{openness}</meter>'
        f'{f"<ul class=rh-changes>{reasons}</ul>" if reasons else ""}</div>'
    )


def _quote(text: str) -> str:
    return f"<q>{escape(text)}</q>" if text else ""
