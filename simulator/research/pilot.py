"""A dry run of a study with simulated learners of varied skill, through the real sequence:
enrolment, surveys, every session via the same graph (rater, partner, record), debrief.

Simulated learners speak in the scenario's own strong and weak exemplars; a learner's skill
rises after training sessions (more in arms that show feedback), so the export has something
to show. It exists to test a study and its export before anyone is recruited, not to estimate
effects, and it runs only on a dry-run record (simulator.research.dry_run), never the live one.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from feedback.surveys import EMOTION_ITEMS, SELF_EFFICACY_ITEMS, SurveyAnswers
from scenarios.schema import Scenario
from scenarios.study_schema import Study
from simulator.research.dry_run import DryRunError, is_dry_run
from simulator.research.studies import Enrolment, StudyRunner
from simulator.runtime import Rehearsal, TurnResult

PRESENCE_SKILLS = ("describe", "express", "assert", "reinforce", "negotiate")
LEARNING_WITH_FEEDBACK = 0.12
LEARNING_WITHOUT = 0.04
VALUES_NOTES = (
    "It tells me that being treated fairly at home matters to me.",
    "It says I care about being taken seriously.",
    "It shows me that my time and my own plans matter.",
    "It tells me I want this relationship to stay honest.",
)


@dataclass
class PilotReport:
    participants: int = 0
    arms: Counter[str] = field(default_factory=Counter)
    sessions: int = 0
    turns: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


@dataclass
class SimulatedLearner:
    skill: float
    rng: random.Random

    def turn(self, scenario: Scenario) -> str:
        sentences = []
        for skill in PRESENCE_SKILLS:
            pair = scenario.exemplars.get(skill)
            if pair is None or self.rng.random() > 0.45:
                continue
            pool = pair.strong if self.rng.random() < self.skill else pair.weak
            if pool:
                sentences.append(self.rng.choice(pool))
        if not sentences:
            pair = scenario.exemplars.get("assert")
            sentences.append(
                self.rng.choice(
                    pair.strong
                    if pair and self.rng.random() < self.skill
                    else (pair.weak if pair else ["I'm not sure what to say."])
                )
            )
        return " ".join(sentences[:3])

    def survey(self, phase: str, agreed: bool | None) -> SurveyAnswers:
        lift = 0.6 if phase == "post" and agreed else (-0.3 if phase == "post" else 0.0)
        values = {}
        for item in SELF_EFFICACY_ITEMS:
            base = 2 + 4 * self.skill + lift if item != "worried" else 6 - 4 * self.skill - lift
            values[item] = _scale(base + self.rng.gauss(0, 0.7))
        for item in EMOTION_ITEMS:
            base = (5.2 if item == "fear" else 3.5) - 2.5 * self.skill - lift
            values[item] = _scale(base + self.rng.gauss(0, 0.8))
        return SurveyAnswers(phase=phase, values=values)


def _scale(value: float) -> int:
    return max(1, min(7, round(value)))


def run_pilot(
    rehearsal: Rehearsal, study: Study, participants: int, seed: int, progress: Callable[[int], None] | None = None
) -> PilotReport:
    if not is_dry_run(rehearsal.settings):
        raise DryRunError(
            "simulated participants would enter the live record: run the pilot on a dry-run folder "
            "(`rehearse study simulate` makes one)"
        )
    rng = random.Random(seed)
    runner = StudyRunner(rehearsal, study)
    codes = runner.issue_codes(participants, rng)
    report = PilotReport()
    for number, code in enumerate(codes):
        enrolment = runner.enrol(code, consent=True)
        learner = SimulatedLearner(skill=rng.uniform(0.15, 0.85), rng=random.Random(rng.random()))
        report.participants += 1
        report.arms[enrolment.arm] += 1
        while (step := runner.next_step(enrolment.participant_id)) is not None:
            _play_step(rehearsal, runner, enrolment, step, learner, report)
            if step.kind == "training":
                gain = LEARNING_WITH_FEEDBACK if study.arm(enrolment.arm).feedback else LEARNING_WITHOUT
                learner.skill = min(0.95, learner.skill + gain)
        if progress:
            progress(number + 1)
    return report


def _play_step(
    rehearsal: Rehearsal,
    runner: StudyRunner,
    enrolment: Enrolment,
    step,
    learner: SimulatedLearner,
    report: PilotReport,
) -> None:
    status = runner.start_step(enrolment, step)
    scenario = rehearsal.library().get(step.scenario).scenario
    pre = learner.survey("pre", None)
    if step.surveys:
        rehearsal.record_survey(status.session_id, pre)
        strong = pre.strong_emotions()
        if strong:
            rehearsal.record_values_note(status.session_id, strong[0], learner.rng.choice(VALUES_NOTES))
    outcome = None
    while outcome is None:
        result = [e for e in rehearsal.send(status.session_id, learner.turn(scenario)) if isinstance(e, TurnResult)]
        report.turns += bool(result)
        outcome = result[-1].outcome if result else rehearsal.end(status.session_id).outcome
        if result and result[-1].safety == "check_in":
            rehearsal.carry_on(status.session_id)  # a simulated learner is only ever role-playing
    report.sessions += 1
    report.outcomes[outcome] += 1
    if step.surveys:
        rehearsal.record_survey(status.session_id, learner.survey("post", outcome == "agreed"))
        if pre.strong_emotions():
            rehearsal.record_values_honoured(status.session_id, "yes" if outcome == "agreed" else "partly")
