"""The `scripted` partner: authored lines chosen by what the learner just did and the stance.

A question gets the scenario's best-matching authored answer; an offer is countered or
considered by stance; an attack, a turn about something else, or the same words again get the
lines written for them; a request and everything else get the stance's lines, with the
scenario's objections raised in turn while guarded or wavering. At agreement the partner says
back the learner's terms; when the learner gives in, it accepts. No model; deterministic: no
line is repeated while others remain, and `{placeholders}` are filled from `facts.details`.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator

from pydantic import Field

from scenarios.schema import Answer, Scenario
from simulator.partner.backends.base import PartnerOptions, PartnerRequest, register_partner
from simulator.partner.moves import LearnerMove, normalised_words
from simulator.partner.state import Outcome

_WORDS = re.compile(r"\S+\s*")
OBJECTION_EVERY = 2  # raise an objection on every second turn while guarded or wavering
CLOSING_OUTCOMES = (Outcome.WALKED_AWAY, Outcome.NOT_AGREED, Outcome.MAX_TURNS)


class ScriptedPartner:
    name = "scripted"
    authored = True

    def __init__(self, typing_ms: int = 0):
        self.typing_s = typing_ms / 1000

    def reply(self, request: PartnerRequest) -> str:
        scenario, partner = request.scenario, request.scenario.partner
        said = {m.content for m in request.history if m.role == "partner"}
        outcome = Outcome(request.outcome) if request.outcome else None
        if outcome is Outcome.AGREED:
            return _joined(
                self._pick_fresh(request, partner.agreement, said, request.terms or ""),
                scenario.fill(partner.closings.agreed) if partner.closings.agreed else "",
            )
        if outcome is Outcome.GAVE_IN:
            return _joined(
                self._pick_fresh(request, partner.give_in, said),
                scenario.fill(partner.closings.gave_in) if partner.closings.gave_in else "",
            )
        if outcome in CLOSING_OUTCOMES:
            closing = getattr(partner.closings, outcome.value, None)
            if closing:
                return scenario.fill(closing)
        return self._pick_fresh(request, self._pool(request, said), said)

    def _pool(self, request: PartnerRequest, said: set[str]) -> list[str]:
        scenario, partner, stance = request.scenario, request.scenario.partner, request.stance
        move = LearnerMove(request.move) if request.move else None
        if request.no_gain == "verbatim":
            return list(partner.repeat)
        if request.no_gain == "salad" or move is LearnerMove.OFF_TOPIC:
            return list(partner.off_topic)
        if move is LearnerMove.QUESTION:
            answer = best_answer(scenario, _last_learner(request), said)
            if answer is not None:
                return [answer.line]
        if move is LearnerMove.OFFER:
            return list(
                partner.offer_responses.consider
                if stance in ("wavering", "agreeing")
                else partner.offer_responses.counter
            )
        if move is LearnerMove.ATTACK:
            return list(partner.attack or partner.lines.resistant)
        if stance in ("guarded", "wavering") and partner.objections and request.turn % OBJECTION_EVERY == 0:
            unused = [o for o in partner.objections if scenario.fill(o) not in said]
            if unused:
                return unused
        # Open enough but not agreeing yet (no terms stated, or a required skill not shown): the
        # authored agreeing lines would agree to something while the talk goes on, so it wavers.
        return list(getattr(partner.lines, "wavering" if stance == "agreeing" else stance))

    def _pick_fresh(self, request: PartnerRequest, pool: list[str], said: set[str], terms: str | None = None) -> str:
        filled = [request.scenario.fill(line, terms) for line in pool]
        fresh = [line for line in filled if line not in said] or filled
        return fresh[_pick(request.session_id, request.turn, len(fresh))]

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        for word in _WORDS.findall(self.reply(request)):
            if self.typing_s:
                time.sleep(self.typing_s)
            yield word


def best_answer(scenario: Scenario, question: str, said: set[str]) -> Answer | None:
    """The authored answer whose topic words the question uses most (a word matches a topic word
    it starts with, so 'booking' matches 'book'); answers already given count only when nothing
    else matches."""
    words = normalised_words(question)
    scored = []
    for index, answer in enumerate(scenario.partner.answers):
        hits = sum(any(word.startswith(topic.lower()) for word in words) for topic in answer.about)
        if hits:
            repeated = scenario.fill(answer.line) in said
            scored.append((repeated, -hits, index, answer))
    return min(scored, key=lambda row: row[:3])[3] if scored else None


def _last_learner(request: PartnerRequest) -> str:
    return next((m.content for m in reversed(request.history) if m.role == "learner"), "")


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _pick(session_id: str, turn: int, count: int) -> int:
    digest = hashlib.sha256(f"{session_id}:{turn}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % count


class ScriptedOptions(PartnerOptions):
    typing_ms: int = Field(default=0, ge=0, le=2000, description="Delay between streamed words.")


@register_partner("scripted", ScriptedOptions)
def _build_scripted(options: ScriptedOptions) -> ScriptedPartner:
    return ScriptedPartner(typing_ms=options.typing_ms)
