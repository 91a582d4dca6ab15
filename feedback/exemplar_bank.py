"""The labelled exemplar bank: utterances that show each skill strongly, weakly, or not at all."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from feedback.skills import LEVELS
from scenarios.problems import YamlFileError
from scenarios.schema import Scenario, SkillId, Strict, Text
from scenarios.validation import validate_document
from scenarios.yaml_source import read_yaml

EXEMPLAR_DIR = Path(__file__).resolve().parent / "exemplars"
MIN_PER_LEVEL = 15


class ExemplarFile(Strict):
    skill: SkillId
    strong: list[Text] = Field(min_length=MIN_PER_LEVEL)
    weak: list[Text] = Field(min_length=MIN_PER_LEVEL)
    none: list[Text] = Field(min_length=MIN_PER_LEVEL)


@dataclass(frozen=True)
class Exemplar:
    skill: str
    level: str
    text: str
    source: str  # "bank" or "scenario:<id>"


@dataclass
class ExemplarBank:
    exemplars: list[Exemplar] = field(default_factory=list)

    @property
    def skills(self) -> list[str]:
        return sorted({e.skill for e in self.exemplars})

    def of(self, skill: str, level: str | None = None) -> list[Exemplar]:
        return [e for e in self.exemplars if e.skill == skill and (level is None or e.level == level)]

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for exemplar in self.exemplars:
            digest.update(f"{exemplar.skill}\x1f{exemplar.level}\x1f{exemplar.text}\x1e".encode())
        return digest.hexdigest()[:16]

    def extended(self, extra: Iterable[Exemplar]) -> ExemplarBank:
        seen = {(e.skill, e.level, e.text) for e in self.exemplars}
        added = [e for e in extra if (e.skill, e.level, e.text) not in seen]
        return ExemplarBank(self.exemplars + added)


def load_exemplar_file(path: Path) -> ExemplarFile:
    return validate_document(read_yaml(path), ExemplarFile)


def load_bank(folder: Path = EXEMPLAR_DIR) -> ExemplarBank:
    """Load every skill's exemplar file; raise YamlFileError listing all problems across files."""
    bank = ExemplarBank()
    problems = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            parsed = load_exemplar_file(path)
        except YamlFileError as error:
            problems.extend(error.problems)
            continue
        for level in LEVELS:
            bank.exemplars.extend(Exemplar(parsed.skill, level, text, "bank") for text in getattr(parsed, level))
    if problems:
        raise YamlFileError(folder, problems)
    return bank


def scenario_exemplars(scenario: Scenario) -> tuple[Exemplar, ...]:
    """The scenario's own strong and weak exemplars, for the contrast shown to the learner."""
    source = f"scenario:{scenario.id}"
    return tuple(
        Exemplar(skill, level, text, source)
        for skill, pair in scenario.exemplars.items()
        for level in ("strong", "weak")
        for text in getattr(pair, level)
    )
