"""The scenario format instructors write in YAML, as pydantic models.

Field descriptions double as the help text editors show (see `rehearse scenarios schema`).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SkillId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
ScenarioId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]

STANCE_BANDS = ("resistant", "guarded", "wavering", "agreeing")
MIN_LINES_PER_BAND = 3
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(str, Enum):
    family = "family"
    social = "social"
    work = "work"
    health = "health"
    other = "other"


class Difficulty(str, Enum):
    easy = "easy"
    moderate = "moderate"
    hard = "hard"


class Level(str, Enum):
    strong = "strong"
    weak = "weak"
    none = "none"


class Facts(Strict):
    visible: list[Text] = Field(default_factory=list, description="What the learner knows.")
    hidden: list[Text] = Field(default_factory=list, description="What only the partner knows.")
    details: dict[str, Text] = Field(
        default_factory=dict,
        description="Short named values that partner lines can use as {placeholders}.",
    )


class StanceLines(Strict):
    resistant: list[Text] = Field(min_length=MIN_LINES_PER_BAND, description="Refuses, deflects, counter-accuses.")
    guarded: list[Text] = Field(min_length=MIN_LINES_PER_BAND, description="Sceptical, asks why, raises costs.")
    wavering: list[Text] = Field(min_length=MIN_LINES_PER_BAND, description="Sees the point, bargains.")
    agreeing: list[Text] = Field(min_length=MIN_LINES_PER_BAND, description="Agrees to something concrete.")


class Closings(Strict):
    agreed: Text | None = None
    walked_away: Text | None = None
    not_agreed: Text | None = None


class LevelDeltas(Strict):
    """Openness change for one skill at each level; omitted levels keep the default."""

    strong: int | None = Field(default=None, ge=-50, le=50)
    weak: int | None = Field(default=None, ge=-50, le=50)
    none: int | None = Field(default=None, ge=-50, le=50)


class Partner(Strict):
    name: Text
    role: Text = Field(description="Who they are to the learner, e.g. 'your flatmate'.")
    persona: Text = Field(description="Who they are and how they talk.")
    motives: list[Text] = Field(default_factory=list, description="What they really care about.")
    triggers: list[Text] = Field(default_factory=list, description="What makes them dig in.")
    style: Text = Field(default="plain speech; one to three sentences", description="Speaking style and reply length.")
    opening: Text = Field(description="The partner's first line.")
    difficulty: Difficulty = Difficulty.moderate
    deltas: dict[SkillId, LevelDeltas] = Field(
        default_factory=dict, description="Overrides of the openness change per skill and level."
    )
    lines: StanceLines
    objections: list[Text] = Field(default_factory=list, description="Pushbacks raised when guarded or wavering.")
    closings: Closings = Field(default_factory=Closings)


class SkillRequirement(Strict):
    skill: SkillId
    level: Level = Level.strong


class Success(Strict):
    min_openness: int = Field(default=75, ge=1, le=100, description="Openness at or above which the partner agrees.")
    requires: list[SkillRequirement] = Field(
        default_factory=lambda: [SkillRequirement(skill="assert", level=Level.strong)],
        description="Skills the learner must have shown at least once at this level.",
    )


class SkillExemplars(Strict):
    strong: list[Text] = Field(default_factory=list)
    weak: list[Text] = Field(default_factory=list)


class Scenario(Strict):
    id: ScenarioId
    title: Text
    category: Category
    tags: list[Text] = Field(default_factory=list)
    author: Text | None = None
    version: int | str = 1
    situation: Text = Field(description="What the learner reads before starting.")
    goal: Text = Field(description="The concrete outcome the learner wants.")
    facts: Facts = Field(default_factory=Facts)
    partner: Partner
    success: Success = Field(default_factory=Success)
    max_turns: int = Field(default=12, ge=1, le=50)
    skills: list[SkillId] = Field(min_length=1, description="Skill ids in play (DEAR MAN, GIVE, FAST or a skill pack).")
    exemplars: dict[SkillId, SkillExemplars] = Field(default_factory=dict)
    coach_notes: Text | None = None

    def fill(self, text: str) -> str:
        """`text` with each {placeholder} replaced by its value from facts.details."""
        return PLACEHOLDER.sub(lambda m: self.facts.details.get(m.group(1), m.group(0)), text)

    def all_partner_text(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every authored partner utterance with its path, for placeholder and safety checks."""
        texts: list[tuple[tuple[str | int, ...], str]] = [(("partner", "opening"), self.partner.opening)]
        for band in STANCE_BANDS:
            for index, line in enumerate(getattr(self.partner.lines, band)):
                texts.append((("partner", "lines", band, index), line))
        for index, line in enumerate(self.partner.objections):
            texts.append((("partner", "objections", index), line))
        for name, line in self.partner.closings.model_dump().items():
            if line:
                texts.append((("partner", "closings", name), line))
        return texts
