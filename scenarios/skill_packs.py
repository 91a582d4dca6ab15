"""Skill packs: YAML files in which instructors define skills of their own.

A pack's skills are used like built-in ones: scenarios name them in `skills`, raters rate them
from the pack's exemplars, and the coach and debrief show their names and level descriptions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from scenarios.problems import Problem, YamlFileError
from scenarios.schema import ScenarioId, SkillId, Strict, Text
from scenarios.validation import validate_document
from scenarios.yaml_source import read_yaml

PACKS_DIR = Path(__file__).resolve().parent / "packs"
MIN_EXEMPLARS_PER_LEVEL = 3


class LevelDescriptions(Strict):
    strong: Text
    weak: Text
    none: Text


class LevelExemplars(Strict):
    strong: list[Text] = Field(min_length=MIN_EXEMPLARS_PER_LEVEL)
    weak: list[Text] = Field(min_length=MIN_EXEMPLARS_PER_LEVEL)
    none: list[Text] = Field(min_length=MIN_EXEMPLARS_PER_LEVEL)


class CustomSkill(Strict):
    id: SkillId
    name: Text
    definition: Text
    levels: LevelDescriptions
    manner: bool = Field(default=False, description="True when the skill is about how the whole turn is delivered.")
    exemplars: LevelExemplars


class SkillPack(Strict):
    pack: ScenarioId = Field(description="The pack's own id: lowercase letters, digits, hyphens.")
    title: Text | None = None
    author: Text | None = None
    skills: list[CustomSkill] = Field(min_length=1)


@dataclass
class LoadedPacks:
    skills: dict[str, CustomSkill] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_packs(folders: Iterable[Path | str] = (PACKS_DIR,), reserved_ids: Iterable[str] = ()) -> LoadedPacks:
    """Every pack under `folders`; a skill id may not repeat a built-in or another pack's id."""
    taken = {skill_id: "a built-in skill" for skill_id in reserved_ids}
    loaded = LoadedPacks()
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")):
            try:
                document = read_yaml(path)
                pack = validate_document(document, SkillPack)
            except YamlFileError as error:
                loaded.problems.extend(error.problems)
                continue
            for index, skill in enumerate(pack.skills):
                if skill.id in taken:
                    loaded.problems.append(
                        document.problem(
                            ("skills", index, "id"),
                            f"the skill id '{skill.id}' is already used by {taken[skill.id]}",
                            "choose another id",
                            at_value=True,
                        )
                    )
                    continue
                taken[skill.id] = str(path)
                loaded.skills[skill.id] = skill
    return loaded
