"""The coach: speaks only when one thing matters now, and then about the learner's own words.

One message, about the single skill that matters most this turn: a fault in the words first (an
attack, an apology for asking, giving in, drifting, pleading), then a missing or hinted request,
then a first turn without its facts or feelings, then no alternative after repeated push-back,
then a flawed attempt at a DEAR MAN skill. The message gives the learner's words, a stronger way
that fits their situation, and why, in the rubric's terms; it ties the request back to what the
learner said matters to them. Otherwise it stays silent and says, in words, why. The coach's
own sentences pass the no-soothing guard; quoted words (the learner's, the stronger way) are shown
as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from feedback.explain import reason_for
from feedback.faults import FAULT_WORDS
from feedback.rating import Rating
from feedback.skills import BUILT_IN_SKILLS, DEAR_MAN_IDS, Skill
from feedback.soothing import recomposed

FIRST_TURN_SKILLS = ("describe", "express", "assert")
PUSH_BACK_STANCES = ("resistant", "guarded")
PUSH_BACK_TURNS = 3


@dataclass(frozen=True)
class CoachDecision:
    spoke: bool
    focus_skill: str | None
    next_skill: str | None
    text: str
    stronger: str | None = None
    weaker: str | None = None
    silence: str = ""  # when it does not speak: why, in words


def next_skill_to_try(skills_in_play: Sequence[str], ever_strong: set[str]) -> str | None:
    """The first skill in DEAR MAN order (then the rest as listed) not yet shown strongly."""
    ordered = [s for s in DEAR_MAN_IDS if s in skills_in_play] + [s for s in skills_in_play if s not in DEAR_MAN_IDS]
    return next((s for s in ordered if s not in ever_strong), None)


def decide(
    ratings: Sequence[Rating],
    turn: int,
    history: Sequence[Mapping[str, str]],
    stance: str,
    skills_in_play: Sequence[str],
    catalog: Mapping[str, Skill] = BUILT_IN_SKILLS,
    values_note: str | None = None,
) -> CoachDecision:
    """`history` holds the skill levels of earlier turns (this turn's are in `ratings`)."""
    ever_strong = {skill for levels in history for skill, level in levels.items() if level == "strong"}
    ever_strong |= {r.skill for r in ratings if r.level == "strong"}
    upcoming = next_skill_to_try(skills_in_play, ever_strong)
    focus, why = _focus(ratings, turn, ever_strong, stance)
    if focus is None:
        return CoachDecision(False, None, upcoming, "", silence=_silence(ratings, upcoming, catalog))
    name = catalog[focus.skill].name if focus.skill in catalog else focus.skill
    stronger = focus.rewrite or focus.nearest_strong
    parts = [
        f"{name}: {recomposed(why, _lower(reason_for(catalog[focus.skill], focus.level, focus.evidence)))}"
        if focus.skill in catalog
        else f"{name}: {why}"
    ]
    if focus.evidence and focus.level != "none" or focus.fault:
        parts.append(f'You wrote: "{focus.evidence}"')
    if stronger:
        parts.append(f'A stronger way here: "{stronger}"')
    if values_note and focus.skill in ("assert", "mindful", "stick_to_values", "reinforce"):
        parts.append(f'You said this matters to you: "{values_note.strip()}". Keep your request tied to it')
    text = " ".join(p if p.endswith((".", "?")) else p + "." for p in parts)
    return CoachDecision(True, focus.skill, upcoming, text, stronger, focus.nearest_weak)


def _focus(ratings: Sequence[Rating], turn: int, ever_strong: set[str], stance: str) -> tuple[Rating | None, str]:
    """The rating that matters most now, and why, in the rubric's terms."""
    by_skill = {r.skill: r for r in ratings}
    faulted = [r for r in ratings if r.fault]
    if faulted:
        rating = faulted[0]
        assert rating.fault is not None  # faulted holds only ratings with a fault
        return (
            rating,
            f"the words show {FAULT_WORDS[rating.fault]}; the other person will answer that, not your request.",
        )
    request = by_skill.get("assert")
    if request is not None and request.level == "weak":
        return request, _lower(request.reason)
    if request is not None and request.level == "none" and "assert" not in ever_strong and turn >= 2:
        return request, "there is still no clear request: say what you want them to do, and by when."
    if turn == 1:
        missing = [by_skill[s] for s in FIRST_TURN_SKILLS if s in by_skill and by_skill[s].level != "strong"]
        if missing:
            return missing[0], _lower(missing[0].reason)
    negotiate = by_skill.get("negotiate")
    if (
        negotiate is not None
        and negotiate.level != "strong"
        and stance in PUSH_BACK_STANCES
        and turn >= PUSH_BACK_TURNS
        and "negotiate" not in ever_strong
    ):
        return negotiate, "after repeated push-back, offer an alternative or ask what would work for them."
    weak = [r for r in ratings if r.level == "weak" and r.skill in DEAR_MAN_IDS and (r.rewrite or r.nearest_strong)]
    if weak:
        rank = {s: i for i, s in enumerate(DEAR_MAN_IDS)}
        rating = min(weak, key=lambda r: rank[r.skill])
        return rating, _lower(rating.reason)
    return None, ""


def _silence(ratings: Sequence[Rating], upcoming: str | None, catalog: Mapping[str, Skill]) -> str:
    shown = [catalog[r.skill].name if r.skill in catalog else r.skill for r in ratings if r.level == "strong"]
    said = f"This turn showed {', '.join(shown)}" if shown else "This turn showed no fault"
    nxt = f" Next to bring in: {catalog[upcoming].name if upcoming in catalog else upcoming}." if upcoming else ""
    return f"The coach is quiet: no fault and nothing missing that matters now. {said}.{nxt}"


def _lower(reason: str) -> str:
    """'Assert is weak: a hint...' -> 'a hint...'"""
    return reason.split(": ", 1)[1] if ": " in reason else reason
