"""The coach: speaks only when a weak or missing skill matters now, and talks about words.

It contrasts the learner's words with a stronger and a weaker way, suggests the next skill to
try (Describe first), and otherwise stays silent. The coach's own sentences pass the no-soothing
guard; the quoted words (the learner's, the stronger and weaker ways) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from feedback.explain import reason_for
from feedback.rating import Rating
from feedback.skills import BUILT_IN_SKILLS, DEAR_MAN_IDS, Skill
from feedback.soothing import recomposed

FIRST_TURN_SKILLS = ("describe", "express", "assert")
ALWAYS_MATTERS_WHEN_MISSING = ("mindful", "confident", "gentle")


@dataclass(frozen=True)
class CoachDecision:
    spoke: bool
    focus_skill: str | None
    next_skill: str | None
    text: str
    stronger: str | None = None
    weaker: str | None = None


def next_skill_to_try(skills_in_play: Sequence[str], ever_strong: set[str]) -> str | None:
    """The first skill in DEAR MAN order (then the rest as listed) not yet shown strongly."""
    ordered = [s for s in DEAR_MAN_IDS if s in skills_in_play] + [s for s in skills_in_play if s not in DEAR_MAN_IDS]
    return next((s for s in ordered if s not in ever_strong), None)


def decide(ratings: Sequence[Rating], turn: int, history: Sequence[Mapping[str, str]], stance: str,
           skills_in_play: Sequence[str], catalog: Mapping[str, Skill] = BUILT_IN_SKILLS) -> CoachDecision:
    """`history` holds the skill levels of earlier turns (this turn's are in `ratings`)."""
    ever_strong = {skill for levels in history for skill, level in levels.items() if level == "strong"}
    ever_strong |= {r.skill for r in ratings if r.level == "strong"}
    upcoming = next_skill_to_try(skills_in_play, ever_strong)
    focus = _focus(ratings, turn, ever_strong, stance)
    if focus is None:
        return CoachDecision(False, None, upcoming, "")
    skill = catalog.get(focus.skill)
    name = skill.name if skill else focus.skill
    stronger = focus.rewrite or focus.nearest_strong
    template = reason_for(skill, focus.level, focus.evidence) if skill else f"{name} is {focus.level}."
    parts = [recomposed(focus.reason, template) if focus.reason else template]
    if focus.level != "none" and focus.evidence:
        parts.append(f'Your words: "{focus.evidence}"')
    if stronger:
        parts.append(f'A stronger way: "{stronger}"')
    if focus.nearest_weak:
        parts.append(f'A weaker way: "{focus.nearest_weak}"')
    if upcoming and upcoming != focus.skill:
        next_name = catalog[upcoming].name if upcoming in catalog else upcoming
        parts.append(f"Next, try {next_name}.")
    text = " ".join(p if p.endswith((".", '"', "?")) else p + "." for p in parts)
    return CoachDecision(True, focus.skill, upcoming, text, stronger, focus.nearest_weak)


def _focus(ratings: Sequence[Rating], turn: int, ever_strong: set[str], stance: str) -> Rating | None:
    by_skill = {r.skill: r for r in ratings}
    order = [r.skill for r in ratings]
    candidates: list[Rating] = []
    for skill in order:
        rating = by_skill[skill]
        if rating.level == "weak":
            candidates.append(rating)
        elif rating.level == "none" and skill in ALWAYS_MATTERS_WHEN_MISSING:
            candidates.append(rating)
        elif rating.level == "none" and turn == 1 and skill in FIRST_TURN_SKILLS:
            candidates.append(rating)
        elif rating.level == "none" and skill == "assert" and "assert" not in ever_strong:
            candidates.append(rating)
        elif rating.level == "none" and skill == "negotiate" and stance in ("resistant", "guarded") and turn >= 3 \
                and "negotiate" not in ever_strong:
            candidates.append(rating)
    if not candidates:
        return None
    rank = {s: i for i, s in enumerate(DEAR_MAN_IDS)}
    return min(candidates, key=lambda r: (0 if r.level == "none" and r.skill in ALWAYS_MATTERS_WHEN_MISSING else 1,
                                          rank.get(r.skill, len(rank)), r.score))
