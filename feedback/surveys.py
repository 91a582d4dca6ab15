"""The surveys before and after each session, and skill mastery: numbers shown as they are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SELF_EFFICACY_ITEMS = ("confident", "worried", "hopeful", "motivated")
EMOTION_ITEMS = ("anger", "fear", "sadness", "disgust")
SURVEY_ITEMS = SELF_EFFICACY_ITEMS + EMOTION_ITEMS
SCALE = (1, 7)
EMOTION_PROMPT_THRESHOLD = 5  # at or above this, ask what the feeling says about what matters
LEVEL_POINTS = {"strong": 2, "weak": 1, "none": 0}

ITEM_QUESTIONS = {
    "confident": "How confident are you about having this conversation?",
    "worried": "How worried are you about having this conversation?",
    "hopeful": "How hopeful are you that it will go the way you want?",
    "motivated": "How motivated are you to have this conversation?",
    "anger": "How much anger do you feel about this situation?",
    "fear": "How much fear do you feel about this situation?",
    "sadness": "How much sadness do you feel about this situation?",
    "disgust": "How much disgust do you feel about this situation?",
}

Phase = Literal["pre", "post"]


class SurveyAnswers(BaseModel):
    """Answers on the 7-point scale (1 = not at all, 7 = extremely); unanswered items are left out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phase: Phase
    values: dict[str, int] = Field(default_factory=dict)

    @field_validator("values")
    @classmethod
    def _known_items_on_the_scale(cls, values: dict[str, int]) -> dict[str, int]:
        for item, value in values.items():
            if item not in SURVEY_ITEMS:
                raise ValueError(f"unknown survey item '{item}'; items are {', '.join(SURVEY_ITEMS)}")
            if not SCALE[0] <= value <= SCALE[1]:
                raise ValueError(f"'{item}' must be between {SCALE[0]} and {SCALE[1]}, got {value}")
        return values

    def strong_emotions(self) -> list[str]:
        return [item for item in EMOTION_ITEMS if self.values.get(item, 0) >= EMOTION_PROMPT_THRESHOLD]

    def missing(self) -> list[str]:
        return [item for item in SURVEY_ITEMS if item not in self.values]


def session_mastery(turn_levels: Iterable[Mapping[str, str]], skills: Iterable[str]) -> dict[str, int]:
    """Per skill, the best level reached in the session: strong 2, weak 1, none 0."""
    best = {skill: 0 for skill in skills}
    for levels in turn_levels:
        for skill, level in levels.items():
            if skill in best:
                best[skill] = max(best[skill], LEVEL_POINTS.get(level, 0))
    return best


def mastery_score(per_skill: Mapping[str, int]) -> float:
    """The session's mastery: mean over skills in play of the per-skill points (0-2)."""
    return round(sum(per_skill.values()) / len(per_skill), 4) if per_skill else 0.0
