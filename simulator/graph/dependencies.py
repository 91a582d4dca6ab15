"""What the graph's nodes need from outside: the crisis check, the rater, the partner backend
and the record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from feedback.raters.base import Rater
from feedback.rating import Rating, scenario_context
from feedback.skills import BUILT_IN_SKILLS, Skill
from feedback.soothing import recomposed
from scenarios.schema import Scenario
from simulator import metrics
from simulator.partner.backends.base import PartnerBackend
from simulator.partner.moves import MoveReading, move_reader
from simulator.safety.crisis import RiskAssessment, assess_risk
from simulator.storage.store import SessionStore


@dataclass
class Dependencies:
    rater: Rater
    partner: PartnerBackend
    store: SessionStore
    assess_risk: Callable[[str], RiskAssessment] = field(default=assess_risk)
    skills: Mapping[str, Skill] = field(default_factory=lambda: dict(BUILT_IN_SKILLS))  # the catalog, packs too
    # (turn text, the learner's earlier turns, scenario) -> what the turn does
    read_move: Callable[[str, list[str], Scenario], MoveReading] = field(
        default=lambda text, earlier, scenario: move_reader().read(text, earlier, scenario)
    )
    prepare_moves: Callable[[Scenario], object] = field(default=lambda scenario: move_reader().topic_vectors(scenario))

    def scenario(self, content_hash: str) -> Scenario:
        return self.store.scenario(content_hash)

    def rate(self, scenario: Scenario, utterance: str, partner_last: str) -> list[Rating]:
        ratings = self.rater.rate(utterance, scenario_context(scenario, partner_last))
        metrics.rater_fallbacks(self.rater.name, ratings)
        return ratings

    def guard_partner_text(self, text: str, scenario: Scenario) -> str:
        """The partner's reply without soothing; an authored line if what is left is not whole.
        Authored replies stand as written: the scenario audit reports any that soothe when it loads."""
        if getattr(self.partner, "authored", False):
            return text
        return recomposed(text, scenario.fill(scenario.partner.lines.guarded[0]))
