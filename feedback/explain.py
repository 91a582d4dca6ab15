"""Rubric-worded reasons for a rating, and rule-based stronger rewrites of the learner's words.

The rules name the weak patterns the rubric lists (exaggeration, motive guessing, accusations,
hedges, apologies, threats). A rewrite is only offered where a rule really changes the words;
otherwise the nearest strong exemplar stands in as "a stronger way".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from feedback.skills import Skill


@dataclass(frozen=True)
class Cue:
    skills: tuple[str, ...]
    pattern: re.Pattern[str]
    says: str


def _cue(skills: str, pattern: str, says: str) -> Cue:
    return Cue(tuple(skills.split()), re.compile(pattern, re.IGNORECASE), says)


WEAK_CUES = (
    _cue(
        "describe",
        r"\b(always|never|every single|constantly|all the time)\b",
        "'{match}' exaggerates instead of stating what happened",
    ),
    _cue(
        "describe",
        r"\b(you don'?t care|on purpose|you just want|because you('re| are) (lazy|selfish))\b",
        "it guesses at the other person's motives",
    ),
    _cue(
        "describe",
        r"\b(lazy|selfish|ridiculous|rude|disgusting|pathetic|useless|inconsiderate)\b",
        "'{match}' is a judgement, not a fact",
    ),
    _cue(
        "express", r"\byou make me\b|\byou('re| are) making me\b", "the feeling is stated as an accusation ('{match}')"
    ),
    _cue("express assert confident", r"\b(kind of|sort of|i guess|maybe|a little bit|just)\b", "'{match}' hedges it"),
    _cue(
        "assert",
        r"\b(would it be possible|i was wondering|i don'?t suppose|if it'?s not too much)\b",
        "it hints instead of asking ('{match}')",
    ),
    _cue(
        "assert reinforce",
        r"\b(or else|otherwise i('ll| will)|you'?ll regret|or i('ll| will))\b",
        "'{match}' turns it into a threat",
    ),
    _cue(
        "confident",
        r"\b(sorry|i apologi[sz]e|i'?m not sure|this is (probably )?stupid|i know this is dumb)\b",
        "'{match}' undercuts your position",
    ),
)

_ACCUSATION = re.compile(r"\byou make me (feel )?", re.IGNORECASE)
_HINT = re.compile(
    r"\b(would it be possible (for you )?to|i was wondering if you could|i don'?t suppose you could|could you maybe)\b",
    re.IGNORECASE,
)


def weak_cues(skill_id: str, text: str) -> list[str]:
    found = []
    for cue in WEAK_CUES:
        if skill_id in cue.skills and (match := cue.pattern.search(text)):
            found.append(cue.says.format(match=match.group(0).lower()))
    return found


def reason_for(skill: Skill, level: str, evidence: str) -> str:
    """One sentence in the rubric's terms, naming the pattern when a cue shows it."""
    if level == "strong":
        return f"{skill.name} is strong: {_lower_first(skill.strong)}"
    cues = weak_cues(skill.id, evidence)
    if level == "weak":
        detail = f"{cues[0]}." if cues else _lower_first(skill.weak)
        return f"{skill.name} is weak: {detail}"
    if cues and skill.manner:
        return f"{skill.name} is missing: {cues[0]}."
    return f"{skill.name} is missing: {_lower_first(skill.none)}"


def rewrite_for(skill: Skill, level: str, evidence: str) -> str | None:
    """A stronger version of the learner's own words, or None when no rule applies.

    Only rewrites that keep what the learner meant: an accusation turned into an owned feeling, a
    hint turned into a request. Deleting words ("always", "sorry", "just") can reverse or garble
    a sentence ("mum never helps" -> "mum helps"), so no rule deletes."""
    if level == "strong":
        return None
    rule = {"express": (_ACCUSATION, "I feel "), "assert": (_HINT, "I'd like you to")}.get(skill.id)
    if rule is None or not rule[0].search(evidence):
        return None
    text = re.sub(r"\s{2,}", " ", rule[0].sub(rule[1], evidence)).strip(" ,")
    return text[:1].upper() + text[1:] if text else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
