"""What a rater says about one skill in one learner turn, and what it needs to know to say it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from feedback.exemplar_bank import Exemplar, scenario_exemplars
from feedback.faults import Fault
from scenarios.schema import Scenario

LevelName = Literal["strong", "weak", "none"]


class Rating(BaseModel):
    model_config = ConfigDict(frozen=True)

    skill: str
    level: LevelName
    score: float = Field(ge=0.0, le=1.0, description="How sure the rater is that the skill is strong (0-1).")
    evidence: str = Field(description="The learner's words the rating rests on.")
    nearest_strong: str | None = Field(default=None, description="The closest strong exemplar: a stronger way.")
    nearest_weak: str | None = Field(default=None, description="The closest weak exemplar: a weaker way.")
    reason: str = Field(description="One sentence in the rubric's terms.")
    rewrite: str | None = Field(default=None, description="A stronger version of the learner's own words.")
    rater: str = "knn"
    note: str | None = Field(default=None, description="Set when a rater fell back to another, with why.")
    fault: Fault | None = Field(
        default=None,
        description="The fault in the learner's words that undoes this "
        "skill (an attack, an apology for asking...); None when there is none.",
    )


class RatingContext(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    situation: str = ""
    goal: str = ""
    partner_last: str = ""
    skills: tuple[str, ...]
    scenario_exemplars: tuple[Exemplar, ...] = ()


def scenario_context(scenario: Scenario, partner_last: str = "") -> RatingContext:
    """What a rater knows about a turn in `scenario`: the same in the app, the CLI and evaluation."""
    return RatingContext(
        situation=scenario.situation,
        goal=scenario.goal,
        partner_last=partner_last,
        skills=tuple(scenario.skills),
        scenario_exemplars=scenario_exemplars(scenario),
    )


def levels_by_skill(ratings: list[Rating]) -> dict[str, str]:
    return {rating.skill: rating.level for rating in ratings}
