"""The crisis check: does a learner turn talk of harm to themselves or others?

Three verdicts (`CrisisVerdict`): `crisis` stops the role-play and shows the programme's crisis
text; `check_in` pauses it and asks, out of role, whether the learner is safe; `none` lets the
turn go on to the rater and the partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class CrisisVerdict(StrEnum):
    CRISIS = "crisis"
    CHECK_IN = "check_in"
    NONE = "none"


@dataclass(frozen=True)
class RiskAssessment:
    verdict: CrisisVerdict
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> bool:
        return self.verdict is not CrisisVerdict.NONE


_SELF = r"(myself|my self|my life|it all)"
CRISIS_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(kill|hurt|harm|cut|end)\w*\s+{_SELF}",
    r"\bsuicid\w*",
    r"\bself[- ]?harm\w*",
    r"\b(want|wanna|going|plan(ning)?)\s+(to\s+)?die\b",
    r"\b(don'?t|do not) want to (live|be alive|be here anymore)\b",
    r"\bbetter off (dead|without me)\b",
    r"\boverdose\b",
    r"\b(i('ll| will| am going to|'m going to| want to)|gonna)\s+(kill|hurt|stab|shoot|strangle|beat up)\s+(him|her|them|you|someone|somebody|my \w+)\b",
    r"\b(i('ll| will| am going to|'m going to)|gonna)\s+(get a|use a|bring a)\s+(gun|knife|weapon)\b",
))

CHECK_IN_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\bcan'?t keep (doing|going on like) this\b",
    r"\bwish i (wasn'?t|weren'?t) here\b",
    r"\bwant to (just )?disappear\b",
))


def assess_risk(text: str) -> RiskAssessment:
    """The verdict for one learner turn, with the reasons behind it."""
    hits = tuple(pattern.pattern for pattern in CRISIS_PATTERNS if pattern.search(text))
    if hits:
        return RiskAssessment(CrisisVerdict.CRISIS, hits)
    hits = tuple(pattern.pattern for pattern in CHECK_IN_PATTERNS if pattern.search(text))
    return RiskAssessment(CrisisVerdict.CHECK_IN, hits) if hits else RiskAssessment(CrisisVerdict.NONE)


def mentions_harm(text: str) -> bool:
    """True when the learner writes about harming themselves or someone else."""
    return assess_risk(text).flagged
