"""Labelled learner turns (JSONL), the format `rehearse feedback eval` and training read:
{"id", "situation", "goal", "partner_last", "utterance", "labels": {"describe": "strong|weak|none", ...}}
and optionally "scenario": a library scenario id, in which the turn is rated exactly as in the app."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from feedback.faults import Fault
from feedback.rating import LevelName


class LabelledUtterance(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str
    situation: str = ""
    goal: str = ""
    partner_last: str = ""
    utterance: str
    labels: dict[str, LevelName]
    scenario: str | None = None
    faults: frozenset[Fault] | None = None  # None: not labelled for faults

    @property
    def group(self) -> str:
        """Turns from one situation share the id prefix before the first '-'."""
        return self.id.split("-")[0]


class LabelledDataError(ValueError):
    pass


def load_labelled(path: Path | str) -> list[LabelledUtterance]:
    """Every line of `path`; raise LabelledDataError naming the file and line of a bad one."""
    path = Path(path)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(LabelledUtterance.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as error:
            detail = error.msg if isinstance(error, json.JSONDecodeError) else error.errors()[0]["msg"]
            raise LabelledDataError(f"{path}:{number}: {detail}") from error
    return rows
