"""The rater interface and the registry that builds raters by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from feedback.rating import Rating, RatingContext


class Rater(Protocol):
    name: str

    def rate(self, utterance: str, context: RatingContext) -> list[Rating]:
        """One rating per skill in `context.skills` that the rater knows."""
        ...


class RaterUnavailable(RuntimeError):
    """A rater cannot be built here; the message says what to install or configure."""


class RaterOptions(BaseModel):
    """A rater's options; each rater declares its own. An option it does not know is an error,
    not silently ignored."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


Factory = Callable[[Any], Rater]
FACTORIES: dict[str, tuple[type[RaterOptions], Factory]] = {}  # see feedback.raters.build


def register_rater(name: str, options: type[RaterOptions]) -> Callable[[Factory], Factory]:
    """Register `factory(options)` under `name`, with the options model it is built from."""

    def decorate(factory: Factory) -> Factory:
        FACTORIES[name] = (options, factory)
        return factory

    return decorate
