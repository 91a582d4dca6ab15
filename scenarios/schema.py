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
# Filled at run time, not from facts.details: what the learner asked for or offered, in the
# partner's words ("I'll wash my own dishes by the next morning.").
TERMS = "terms"

DEFAULT_AGREEMENT = (
    "Alright. {terms}",
    "Okay, you've made your case. {terms}",
    "Fine, let's do that. {terms}",
)
DEFAULT_GIVE_IN = (
    "Right. Good, that's settled then.",
    "Okay. I'm glad we sorted that out.",
    "Right. Then that's that.",
)
DEFAULT_CONSIDER = (
    "Hm. That's not nothing. I'd have to think about it.",
    "Maybe. What would that look like, exactly?",
    "I'm not saying no to that. Go on.",
)
DEFAULT_COUNTER = (
    "That doesn't really solve it for me.",
    "I'm not sure that works for me.",
    "That's still asking a lot.",
)
DEFAULT_OFF_TOPIC = (
    "What's that got to do with anything?",
    "Sorry, where's this going?",
    "Don't change the subject.",
)
DEFAULT_REPEAT = (
    "You've said that already.",
    "I heard you the first time.",
    "Saying it again doesn't change anything.",
)


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
    """Last lines. The partner speaks in its own voice: `walked_away` is the partner ending the
    talk because of how it went, never the learner storming off."""

    agreed: Text | None = Field(default=None, description="Said after the agreement line; keep it free of terms.")
    walked_away: Text | None = Field(default=None, description="The partner ends the conversation.")
    not_agreed: Text | None = Field(default=None, description="Time is up and the partner has not agreed.")
    gave_in: Text | None = Field(default=None, description="Said after the learner dropped their goal.")


class Answer(Strict):
    """The partner's answer to a question the learner is likely to ask, grounded in the facts."""

    about: list[Text] = Field(
        min_length=1, description="Words a question on this topic would use, e.g. ['who', 'book', 'meetings']."
    )
    line: Text = Field(description="What the partner says back.")


class OfferResponses(Strict):
    """How the partner takes an offer (a compromise or an alternative) at each stance. Accepting
    is the agreement: when the partner is open enough it says one of `agreement` instead."""

    consider: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_CONSIDER), description="Wavering: open to it, not yet sold."
    )
    counter: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_COUNTER), description="Resistant or guarded: pushes back on the offer."
    )


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
    answers: list[Answer] = Field(
        default_factory=list, description="Answers to the questions a learner is likely to ask."
    )
    offer_responses: OfferResponses = Field(default_factory=OfferResponses)
    agreement: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_AGREEMENT),
        min_length=1,
        description="What the partner says when it agrees; {terms} is what the learner asked for or offered, "
        "in the partner's words.",
    )
    give_in: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_GIVE_IN),
        min_length=1,
        description="The partner's reply when the learner drops their goal.",
    )
    attack: list[Text] = Field(default_factory=list, description="How they meet an attack; default: a resistant line.")
    off_topic: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_OFF_TOPIC),
        min_length=1,
        description="Reply to a turn about something else.",
    )
    repeat: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_REPEAT), min_length=1, description="Reply to the same words typed again."
    )
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
    content_note: Text | None = Field(
        default=None, description="Shown on the scenario card before starting, e.g. 'comments about body and food'."
    )

    def fill(self, text: str, terms: str | None = None) -> str:
        """`text` with each {placeholder} replaced by its value from facts.details, and {terms}
        by `terms` when given."""
        values = {**self.facts.details, **({TERMS: terms} if terms is not None else {})}
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)

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
        for index, answer in enumerate(self.partner.answers):
            texts.append((("partner", "answers", index, "line"), answer.line))
        for stance in ("consider", "counter"):
            for index, line in enumerate(getattr(self.partner.offer_responses, stance)):
                texts.append((("partner", "offer_responses", stance, index), line))
        for field_name in ("agreement", "give_in", "attack", "off_topic", "repeat"):
            for index, line in enumerate(getattr(self.partner, field_name)):
                texts.append((("partner", field_name, index), line))
        return texts
