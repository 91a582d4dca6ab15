"""The partner backend interface and its registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from scenarios.schema import Scenario

Role = Literal["partner", "learner"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class PartnerRequest:
    session_id: str
    scenario: Scenario
    stance: str
    openness: int
    history: tuple[Message, ...] = field(default_factory=tuple)
    outcome: str | None = None  # set when this reply closes the conversation
    move: str | None = None  # what the learner's last turn does (a LearnerMove value)
    terms: str | None = None  # what the learner has asked for or offered, in the partner's words
    no_gain: str | None = None  # "verbatim" | "salad": the last turn repeated itself or was keywords

    @property
    def turn(self) -> int:
        return sum(1 for m in self.history if m.role == "learner")


class PartnerBackend(Protocol):
    name: str
    # True when every reply is an instructor's line (checked by the scenario audit when it loads),
    # False when a model writes the reply and the no-soothing guard must read it.
    authored: bool

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        """Yield the partner's reply in chunks; joined, they are the whole reply."""
        ...


class PartnerUnavailable(RuntimeError):
    """The partner could not answer (server down, too slow); the turn is kept for a retry."""


class PartnerOptions(BaseModel):
    """A backend's options; each backend declares its own. An option it does not know is an
    error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Factory = Callable[[Any], PartnerBackend]
_FACTORIES: dict[str, tuple[type[PartnerOptions], Factory]] = {}


def register_partner(name: str, options: type[PartnerOptions]) -> Callable[[Factory], Factory]:
    """Register `factory(options)` under `name`, with the options model it is built from."""

    def decorate(factory: Factory) -> Factory:
        _FACTORIES[name] = (options, factory)
        return factory

    return decorate


def build_partner(name: str, **options: Any) -> PartnerBackend:
    import simulator.partner.backends.llm_partner
    import simulator.partner.backends.scripted  # noqa: F401  (registers "scripted")

    if name not in _FACTORIES:
        raise PartnerUnavailable(f"unknown partner backend '{name}'; choose one of: {', '.join(sorted(_FACTORIES))}")
    model, factory = _FACTORIES[name]
    try:
        checked = model(**options)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        known = ", ".join(sorted(model.model_fields))
        raise PartnerUnavailable(
            f"the {name} partner cannot use these options ({problems}); it takes: {known}"
        ) from error
    return factory(checked)
