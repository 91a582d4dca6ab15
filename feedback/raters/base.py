"""The rater interface and the registry that builds raters by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from feedback.rating import Rating, RatingContext


class Rater(Protocol):
    name: str

    def rate(self, utterance: str, context: RatingContext) -> list[Rating]:
        """One rating per skill in `context.skills` that the rater knows."""
        ...


class RaterUnavailable(RuntimeError):
    """A rater cannot be built here; the message says what to install or configure."""


_FACTORIES: dict[str, Callable[..., Rater]] = {}


def register_rater(name: str) -> Callable[[Callable[..., Rater]], Callable[..., Rater]]:
    def decorate(factory: Callable[..., Rater]) -> Callable[..., Rater]:
        _FACTORIES[name] = factory
        return factory

    return decorate


def build_rater(name: str, **options: Any) -> Rater:
    _load_built_ins()
    if name not in _FACTORIES:
        raise RaterUnavailable(f"unknown rater '{name}'; choose one of: {', '.join(sorted(_FACTORIES))}")
    return _FACTORIES[name](**options)


def _load_built_ins() -> None:
    import feedback.raters.knn  # noqa: F401  (registers "knn")
    import feedback.raters.llm  # noqa: F401  (registers "llm")
