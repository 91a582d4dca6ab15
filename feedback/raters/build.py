"""Building a rater by name from its options; importing this module registers the built-in
raters (knn, llm), which themselves only depend on `feedback.raters.base`."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from feedback.raters import knn, llm
from feedback.raters.base import FACTORIES, Rater, RaterUnavailable

BUILT_IN = (knn.KnnRater, llm.LlmRater)


def build_rater(name: str, **options: Any) -> Rater:
    if name not in FACTORIES:
        raise RaterUnavailable(f"unknown rater '{name}'; choose one of: {', '.join(sorted(FACTORIES))}")
    model, factory = FACTORIES[name]
    try:
        checked = model(**options)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        known = ", ".join(sorted(model.model_fields))
        raise RaterUnavailable(f"the {name} rater cannot use these options ({problems}); it takes: {known}") from error
    return factory(checked)
