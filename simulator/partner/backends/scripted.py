"""The `scripted` partner: authored lines for the current stance, no model, deterministic.

No line is repeated while others in its band remain; when guarded or wavering, the partner
raises the scenario's objections in turn; `{placeholders}` are filled from `facts.details`.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator

from simulator.partner.backends.base import PartnerRequest, register_partner

_WORDS = re.compile(r"\S+\s*")
OBJECTION_EVERY = 2  # raise an objection on every second turn while guarded or wavering


class ScriptedPartner:
    name = "scripted"
    authored = True

    def __init__(self, typing_ms: int = 0):
        self.typing_s = typing_ms / 1000

    def reply(self, request: PartnerRequest) -> str:
        scenario = request.scenario
        said = {m.content for m in request.history if m.role == "partner"}
        closing = getattr(scenario.partner.closings, request.outcome or "", None) if request.outcome else None
        if closing:
            return scenario.fill(closing)
        pool = list(getattr(scenario.partner.lines, request.stance))
        if request.outcome == "agreed":
            pool = list(scenario.partner.lines.agreeing)
        elif request.stance in ("guarded", "wavering") and scenario.partner.objections and request.turn % OBJECTION_EVERY == 0:
            unused = [o for o in scenario.partner.objections if scenario.fill(o) not in said]
            if unused:
                pool = unused
        filled = [scenario.fill(line) for line in pool]
        fresh = [line for line in filled if line not in said] or filled
        return fresh[_pick(request.session_id, request.turn, len(fresh))]

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        for word in _WORDS.findall(self.reply(request)):
            if self.typing_s:
                time.sleep(self.typing_s)
            yield word


def _pick(session_id: str, turn: int, count: int) -> int:
    digest = hashlib.sha256(f"{session_id}:{turn}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % count


@register_partner("scripted")
def _build_scripted(typing_ms: int = 0, **_: object) -> ScriptedPartner:  # settings etc. are not needed
    return ScriptedPartner(typing_ms=typing_ms)
