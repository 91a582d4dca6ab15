"""The partner's explicit state: openness 0-100, its stance band, and a reason for every change.

Strong skill use opens the partner; flawed attempts (judgement, vagueness) and faults in the
learner's words (attacks, apologies for asking, drifting, giving in) close it. The mere absence
of a skill never does: "gentle: none" on a plain request costs nothing.
Repeating the same strong skill earns less each time, so a learner has to bring in more than
one skill; the same words typed again, or keywords strung together, earn nothing at all (a calm
repeated request holds its ground but does not gain). The partner agrees only when open enough
and the learner has stated terms (asked or offered something), and it agrees to those terms; a
learner who drops the goal ends the conversation `gave_in`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from feedback.faults import FAULT_DELTAS, FAULT_WORDS, Fault
from scenarios.schema import Difficulty, Scenario

Band = Literal["resistant", "guarded", "wavering", "agreeing"]


class Outcome(StrEnum):
    AGREED = "agreed"
    GAVE_IN = "gave_in"  # the learner dropped their goal
    NOT_AGREED = "not_agreed"
    WALKED_AWAY = "walked_away"  # the partner ended the conversation
    CRISIS = "crisis"
    ENDED_BY_LEARNER = "ended_by_learner"
    MAX_TURNS = "max_turns"


BAND_FLOORS: tuple[tuple[Band, int], ...] = (("agreeing", 75), ("wavering", 55), ("guarded", 30), ("resistant", 0))
FLOOR = 0
CEILING = 100
REPEAT_DECAY = 0.75


@dataclass(frozen=True)
class DifficultyProfile:
    start: int
    gain: float  # multiplies positive deltas
    loss: float  # multiplies negative deltas
    max_rise: int  # the most one turn can open the partner: nobody is won over in one sentence


DIFFICULTY_PROFILES: dict[Difficulty, DifficultyProfile] = {
    Difficulty.easy: DifficultyProfile(start=45, gain=1.25, loss=0.8, max_rise=14),
    Difficulty.moderate: DifficultyProfile(start=30, gain=1.0, loss=1.0, max_rise=12),
    Difficulty.hard: DifficultyProfile(start=18, gain=1.0, loss=1.25, max_rise=10),
}

# Openness change per skill and level, and how the change reads in the debrief.
DEFAULT_DELTAS: dict[str, dict[str, int]] = {
    "describe": {"strong": 7, "weak": -3, "none": 0},
    "express": {"strong": 5, "weak": -2, "none": 0},
    "assert": {"strong": 7, "weak": -1, "none": 0},
    "reinforce": {"strong": 6, "weak": -2, "none": 0},
    "mindful": {"strong": 2, "weak": 0, "none": 0},
    "confident": {"strong": 2, "weak": 0, "none": 0},
    "negotiate": {"strong": 7, "weak": 1, "none": 0},
    "gentle": {"strong": 2, "weak": 0, "none": 0},
    "interested": {"strong": 3, "weak": 0, "none": 0},
    "validate": {"strong": 5, "weak": 0, "none": 0},
    "easy_manner": {"strong": 2, "weak": 0, "none": 0},
    "fair": {"strong": 2, "weak": 0, "none": 0},
    "no_apologies": {"strong": 1, "weak": 0, "none": 0},
    "stick_to_values": {"strong": 2, "weak": 0, "none": 0},
    "truthful": {"strong": 1, "weak": 0, "none": 0},
}
# Faults (feedback.faults) carry the losses that "none" of mindful, confident, GIVE and FAST
# used to: they need evidence in the words.

CHANGE_WORDS: dict[tuple[str, str], str] = {
    ("describe", "strong"): "factual description",
    ("describe", "weak"): "judgemental or vague description",
    ("express", "strong"): "owned feeling",
    ("express", "weak"): "feeling voiced as blame or hedged",
    ("assert", "strong"): "clear request",
    ("assert", "weak"): "hinted or demanding request",
    ("reinforce", "strong"): "concrete benefit offered",
    ("reinforce", "weak"): "threat or vague benefit",
    ("mindful", "strong"): "stayed on the goal",
    ("mindful", "weak"): "partly pulled off the goal",
    ("mindful", "none"): "drifted off the goal or counter-attacked",
    ("confident", "strong"): "direct, calm delivery",
    ("confident", "weak"): "hedged delivery",
    ("confident", "none"): "apologetic or aggressive delivery",
    ("negotiate", "strong"): "alternative offered",
    ("negotiate", "weak"): "vague openness to compromise",
    ("reinforce", "none"): "no reason for them to say yes",
    ("gentle", "strong"): "courteous",
    ("gentle", "weak"): "an edge of sarcasm",
    ("interested", "strong"): "asked about their view",
    ("validate", "weak"): "acknowledgement with a 'but'",
    ("easy_manner", "strong"): "light touch",
    ("easy_manner", "none"): "heavy or lecturing",
    ("fair", "strong"): "fair to both",
    ("fair", "weak"): "slightly one-sided",
    ("fair", "none"): "unfair demand",
    ("no_apologies", "strong"): "no needless apology",
    ("no_apologies", "weak"): "needless apology",
    ("no_apologies", "none"): "apologised for asking",
    ("stick_to_values", "strong"): "held to own values",
    ("stick_to_values", "none"): "gave up own position",
    ("truthful", "strong"): "accurate",
    ("truthful", "weak"): "some exaggeration",
    ("interested", "weak"): "token question",
    ("gentle", "none"): "attack or sneer",
    ("validate", "strong"): "their position acknowledged",
    ("truthful", "none"): "exaggeration",
}


@dataclass(frozen=True)
class Change:
    skill: str
    level: str
    delta: int
    reason: str  # e.g. "judgemental or vague description: -4"


@dataclass(frozen=True)
class PartnerState:
    openness: int
    turn: int = 0
    strong_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def band(self) -> Band:
        return band_of(self.openness)


def band_of(openness: int) -> Band:
    for band, floor in BAND_FLOORS:
        if openness >= floor:
            return band
    return "resistant"


def initial_state(scenario: Scenario) -> PartnerState:
    return PartnerState(openness=DIFFICULTY_PROFILES[scenario.partner.difficulty].start)


def deltas_for(scenario: Scenario) -> dict[str, dict[str, int]]:
    deltas = {skill: dict(levels) for skill, levels in DEFAULT_DELTAS.items()}
    for skill, override in scenario.partner.deltas.items():
        row = deltas.setdefault(skill, {"strong": 0, "weak": 0, "none": 0})
        row.update({level: value for level, value in override.model_dump().items() if value is not None})
    return deltas


NO_GAIN_WORDS = {"verbatim": "the same words as before", "salad": "keywords, not said to anyone"}


def apply_ratings(
    state: PartnerState,
    levels: Mapping[str, str],
    scenario: Scenario,
    faults: Iterable[Fault] = (),
    no_gain: str | None = None,
) -> tuple[PartnerState, list[Change]]:
    """The partner's new state after a learner turn rated `levels` (skill -> level), with the
    `faults` found in its words (each counted once). `no_gain` ("verbatim" or "salad") keeps
    every loss and drops every gain."""
    profile = DIFFICULTY_PROFILES[scenario.partner.difficulty]
    table = deltas_for(scenario)
    counts = dict(state.strong_counts)
    changes: list[Change] = []
    for skill, level in levels.items():
        base = table.get(skill, {}).get(level, 0)
        if base > 0 and no_gain:
            continue
        if base > 0:
            value = base * profile.gain * REPEAT_DECAY ** counts.get(skill, 0)
        else:
            value = base * profile.loss
        delta = round(value)
        if level == "strong":
            counts[skill] = counts.get(skill, 0) + 1
        if delta:
            words = CHANGE_WORDS.get((skill, level), f"{level} {skill}")
            changes.append(Change(skill, level, delta, f"{words}: {delta:+d}"))
    for fault in sorted(set(faults)):
        delta = round(FAULT_DELTAS[fault] * profile.loss)
        if delta:
            changes.append(Change(fault.value, "fault", delta, f"{FAULT_WORDS[fault]}: {delta:+d}"))
    if no_gain:
        changes.append(Change(no_gain, "no_gain", 0, f"{NO_GAIN_WORDS.get(no_gain, no_gain)}: no gain"))
    rise = sum(c.delta for c in changes)
    if rise > profile.max_rise:
        changes.append(
            Change(
                "pace", "cap", profile.max_rise - rise, f"one turn opens them only so far: {profile.max_rise - rise:+d}"
            )
        )
    openness = max(FLOOR, min(CEILING, state.openness + sum(c.delta for c in changes)))
    return PartnerState(openness=openness, turn=state.turn + 1, strong_counts=counts), changes


def requirements_met(scenario: Scenario, history: list[Mapping[str, str]]) -> bool:
    """Whether every skill the scenario requires has reached its level in some turn."""
    order = {"none": 0, "weak": 1, "strong": 2}
    return all(
        any(order.get(turn.get(req.skill, "none"), 0) >= order[req.level.value] for turn in history)
        for req in scenario.success.requires
    )


def end_check(
    state: PartnerState,
    scenario: Scenario,
    history: list[Mapping[str, str]],
    move: str | None = None,
    terms: str | None = None,
    no_gain: str | None = None,
) -> Outcome | None:
    """The outcome if the conversation ends after this turn, else None. `move` is this turn's
    learner move; `terms` what the learner has asked for or offered so far (None: nothing yet)."""
    if move == "give_in":
        return Outcome.GAVE_IN
    engaged = move not in ("attack", "off_topic") and not no_gain
    if engaged and terms and state.openness >= scenario.success.min_openness and requirements_met(scenario, history):
        return Outcome.AGREED
    if state.openness <= FLOOR:
        return Outcome.WALKED_AWAY
    if state.turn >= scenario.max_turns:
        return Outcome.NOT_AGREED if state.band in ("resistant", "guarded") else Outcome.MAX_TURNS
    return None
