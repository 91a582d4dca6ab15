"""The crisis check: does a learner turn talk of harm to themselves or others?

Three verdicts (`CrisisVerdict`): `crisis` stops the role-play and shows the programme's crisis
text; `check_in` pauses it and asks, out of role, whether the learner is safe; `none` lets the
turn go on to the rater and the partner.

A trained classifier (the packaged MiniLM encoder fine-tuned with a three-way head, see
`simulator.safety.risk_model`) scores each sentence of the turn; high-precision patterns
(`simulator.safety.risk_patterns`) add what must never be missed and hold anger idioms back.
"""

from __future__ import annotations

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


def assess_risk(text: str) -> RiskAssessment:
    """The verdict for one learner turn, with the reasons behind it."""
    from simulator.safety.risk_model import risk_model

    return risk_model().assess(text)


def mentions_harm(text: str) -> bool:
    """True when the learner writes about harming themselves or someone else."""
    return assess_risk(text).flagged
