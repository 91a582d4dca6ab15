"""Difficulty from play: scripted learners against a scenario through the real rehearsal loop.

Each script is a list of learner turns built from the scenario itself (its strong and weak
exemplars) or from lines any scenario meets (hostility, giving in, keyword salad, one sentence
typed again and again). A scenario is calibrated when its strong exemplars, played in DEAR MAN
order, reach `agreed` within `SKILLED_TURN_LIMIT` turns; weak play, salad and repetition never
agree; giving in ends `gave_in`; and skilled play takes longer the harder the scenario.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise, zip_longest

from feedback.skills import DEAR_MAN_IDS
from scenarios.schema import Difficulty, Scenario
from simulator.partner.state import Outcome
from simulator.runtime import Rehearsal, TurnResult

SKILLED_TURN_LIMIT = 10


class Script(StrEnum):
    SKILLED = "skilled"
    MIXED = "mixed"
    POOR = "poor"
    HOSTILE = "hostile"
    GIVING_IN = "giving_in"
    SALAD = "salad"
    REPEAT = "repeat"


HOSTILE_LINES = (
    "This is ridiculous and you know it.",
    "You're being completely selfish, as usual.",
    "I'm sick of this. Just do what I tell you.",
    "You never listen to anyone, do you?",
    "Honestly, you're pathetic.",
    "Typical. I don't know why I bother with you.",
    "Shut up and listen for once.",
    "You're a joke.",
)
GIVING_IN_LINE = "Okay, fine. Forget what I said, we'll do it your way."


def _rounds(groups: list[list[str]]) -> list[str]:
    """The first line of each group in order, then the second of each, and so on."""
    return [line for row in zip_longest(*groups) for line in row if line]


def skill_order(scenario: Scenario) -> list[str]:
    dear_man = [skill for skill in DEAR_MAN_IDS if skill in scenario.exemplars]
    return dear_man + [skill for skill in scenario.skills if skill in scenario.exemplars and skill not in dear_man]


def script_lines(scenario: Scenario, script: Script) -> list[str]:
    order = skill_order(scenario)
    strong = _rounds([list(scenario.exemplars[skill].strong) for skill in order])
    weak = _rounds([list(scenario.exemplars[skill].weak) for skill in order])
    if script is Script.SKILLED:
        return strong
    if script is Script.POOR:
        return weak
    if script is Script.MIXED:
        return [line for pair in zip_longest(strong, weak) for line in pair if line]
    if script is Script.HOSTILE:
        return list(HOSTILE_LINES)
    if script is Script.GIVING_IN:
        return [strong[0], GIVING_IN_LINE]
    if script is Script.SALAD:
        return [keyword_salad(scenario, turn) for turn in range(8)]
    asks = scenario.exemplars.get("assert")
    return [(asks.strong[0] if asks and asks.strong else strong[0])] * 8


def keyword_salad(scenario: Scenario, turn: int) -> str:
    """Skill names and the goal's longer words strung together, as a learner gaming the rater might."""
    words = [w for w in re.findall(r"[A-Za-z£0-9]+", scenario.goal) if len(w) > 3][:8]
    skills = ["describe", "express", "assert", "reinforce", "negotiate", "validate"]
    shift = turn % len(skills)
    return " ".join(skills[shift:] + skills[:shift] + words + ["please"])


@dataclass
class Played:
    script: Script
    outcome: str | None
    turns: int
    openness: list[int] = field(default_factory=list)
    transcript: list[tuple[str, str, str]] = field(default_factory=list)  # (move, learner, partner)

    @property
    def turns_to_agreement(self) -> int | None:
        return self.turns if self.outcome == Outcome.AGREED else None


@dataclass
class Calibration:
    scenario_id: str
    difficulty: str
    played: dict[Script, Played]

    def problems(self) -> list[str]:
        """Where play does not match the targets, in words."""
        found = []
        skilled = self.played.get(Script.SKILLED)
        if skilled and (skilled.outcome != Outcome.AGREED or skilled.turns > SKILLED_TURN_LIMIT):
            found.append(
                f"{self.scenario_id}: skilled play ends {skilled.outcome} after {skilled.turns} turns "
                f"(wanted agreed within {SKILLED_TURN_LIMIT})"
            )
        for script in (Script.POOR, Script.SALAD, Script.REPEAT, Script.HOSTILE):
            played = self.played.get(script)
            if played and played.outcome == Outcome.AGREED:
                found.append(f"{self.scenario_id}: {script} play reached agreement on turn {played.turns}")
        giving_in = self.played.get(Script.GIVING_IN)
        if giving_in and giving_in.outcome != Outcome.GAVE_IN:
            found.append(f"{self.scenario_id}: giving in ends {giving_in.outcome}, not gave_in")
        return found

    def to_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario_id,
            "difficulty": self.difficulty,
            "scripts": {
                script.value: {
                    "outcome": p.outcome,
                    "turns": p.turns,
                    "turns_to_agreement": p.turns_to_agreement,
                    "openness": p.openness,
                }
                for script, p in self.played.items()
            },
            "problems": self.problems(),
        }


def play(rehearsal: Rehearsal, scenario_id: str, script: Script) -> Played:
    """One script through `rehearsal` , until an outcome or the
    lines run out (then the learner ends the session)."""
    scenario = rehearsal.library().get(scenario_id).scenario
    session = rehearsal.start(scenario_id, learner_id="calibration").session_id
    played = Played(script, None, 0)
    for line in script_lines(scenario, script)[: scenario.max_turns]:
        result = [e for e in rehearsal.send(session, line) if isinstance(e, TurnResult)]
        if not result:
            break
        turn = result[-1]
        played.turns += 1
        played.openness.append(turn.openness)
        played.transcript.append((turn.learner_move or "", line, turn.partner_text or ""))
        if turn.safety == "check_in":
            rehearsal.carry_on(session)
        if turn.outcome:
            played.outcome = turn.outcome
            return played
    played.outcome = rehearsal.end(session).outcome
    return played


def calibrate(rehearsal: Rehearsal, scenario_id: str, scripts: tuple[Script, ...] = tuple(Script)) -> Calibration:
    scenario = rehearsal.library().get(scenario_id).scenario
    return Calibration(
        scenario_id,
        scenario.partner.difficulty.value,
        {script: play(rehearsal, scenario_id, script) for script in scripts},
    )


def difficulty_problems(results: list[Calibration]) -> list[str]:
    """Skilled play should take fewer turns on easy than moderate, and on moderate than hard (means)."""
    means: dict[str, float] = {}
    for level in Difficulty:
        turns = [
            r.played[Script.SKILLED].turns
            for r in results
            if r.difficulty == level.value and Script.SKILLED in r.played
        ]
        if turns:
            means[level.value] = sum(turns) / len(turns)
    ordered = [means[level.value] for level in Difficulty if level.value in means]
    if all(a < b for a, b in pairwise(ordered)):
        return []
    return [
        "skilled play does not take longer as difficulty rises: mean turns "
        + ", ".join(f"{level} {value:.1f}" for level, value in means.items())
    ]
