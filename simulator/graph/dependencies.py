"""What the graph's nodes need from outside: the rater, the partner backend and the record."""

from __future__ import annotations

from dataclasses import dataclass

from feedback.exemplar_bank import scenario_exemplars
from feedback.raters.base import Rater
from feedback.rating import Rating, RatingContext
from feedback.soothing import recomposed
from scenarios.schema import Scenario
from simulator import metrics
from simulator.partner.backends.base import PartnerBackend
from simulator.storage.store import SessionStore


@dataclass
class Dependencies:
    rater: Rater
    partner: PartnerBackend
    store: SessionStore

    def scenario(self, content_hash: str) -> Scenario:
        return self.store.scenario(content_hash)

    def rate(self, scenario: Scenario, utterance: str, partner_last: str) -> list[Rating]:
        context = RatingContext(situation=scenario.situation, goal=scenario.goal, partner_last=partner_last,
                                skills=tuple(scenario.skills), scenario_exemplars=scenario_exemplars(scenario))
        ratings = self.rater.rate(utterance, context)
        metrics.rater_fallbacks(self.rater.name, ratings)
        return ratings

    def guard_partner_text(self, text: str, scenario: Scenario) -> str:
        """The partner's reply without soothing; an authored line if what is left is not whole."""
        return recomposed(text, scenario.fill(scenario.partner.lines.guarded[0]))
