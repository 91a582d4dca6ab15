"""The skills Rehearse can rate: the built-in DBT skills plus any skill packs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from feedback.exemplar_bank import Exemplar
from feedback.skills import BUILT_IN_SKILLS, LEVELS, Skill
from scenarios.problems import Problem
from scenarios.skill_packs import PACKS_DIR, CustomSkill, load_packs


@dataclass
class SkillCatalog:
    skills: dict[str, Skill]
    pack_exemplars: list[Exemplar] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ids(self) -> set[str]:
        return set(self.skills)


def load_catalog(pack_folders: Iterable[Path | str] = (PACKS_DIR,)) -> SkillCatalog:
    packs = load_packs(pack_folders, reserved_ids=BUILT_IN_SKILLS)
    skills = dict(BUILT_IN_SKILLS)
    exemplars: list[Exemplar] = []
    for custom in packs.skills.values():
        skills[custom.id] = as_skill(custom)
        exemplars.extend(
            Exemplar(custom.id, level, text, "pack") for level in LEVELS for text in getattr(custom.exemplars, level)
        )
    return SkillCatalog(skills, exemplars, packs.problems)


def as_skill(custom: CustomSkill) -> Skill:
    return Skill(
        custom.id,
        custom.name,
        "custom",
        custom.definition,
        custom.levels.strong,
        custom.levels.weak,
        custom.levels.none,
        manner=custom.manner,
    )
